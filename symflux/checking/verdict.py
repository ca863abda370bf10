"""Private helpers of :mod:`symflux.checking.check`: the verdict from the worker's messages.

:func:`symflux.checking.decide.decide` returns the messages that arrived in time;
:func:`_decided` reads them as a :class:`~symflux.checking.check.CheckResult`: undecided,
wrong (with its diagnosis and counterexample) or equal (proven, or at the sample points).
Nothing here is public; :func:`~symflux.checking.check.check` calls it.
"""

from __future__ import annotations

__all__: list[str] = []


def _decided(verdict, messages: dict, parsed, job: dict, time_limit: float):
    """What ``verdict`` (check's CheckResult builder) makes of what the worker said:
    undecided, wrong (with its diagnosis and counterexample) or equal (proven, or at the
    sample points). Takes the builder, not the class, so this module imports nothing of
    check's."""
    if "error" in messages and "screen" not in messages:
        return verdict(False, "undecided", f"the answer could not be evaluated: "
                       f"{messages['error']}", answer=parsed)
    if "screen" not in messages:
        return verdict(False, "undecided", f"the answer could not be evaluated within "
                       f"{time_limit:g} s", answer=parsed)
    screen = messages["screen"]
    if not screen["equal"]:
        diagnosis = messages.get("diagnosis") or {
            "code": "not_equal", "message": "the answer differs from the expected result "
            f"(no diagnosis within {time_limit:g} s)"}
        return verdict(False, diagnosis["code"], diagnosis["message"], answer=parsed,
                       counterexample=screen["example"], method="numeric")
    proof = messages.get("proof")
    if proof:
        how = proof if proof == "identical" else f"proven: {proof} = 0"
        return verdict(True, "equal", f"equal to the derived result ({how})", answer=parsed,
                       method="symbolic")
    why = ("not proven symbolically within the time limit" if job["prove"]
           else "no proof asked for")
    return verdict(True, "equal", f"equal to the derived result at {job['points']} random "
                   f"points to within a relative {job['rtol']:g} ({why})", answer=parsed,
                   method="numeric")
