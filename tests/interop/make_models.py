"""Write the SBML test models of tests/interop/models/ (run once: python make_models.py).

Each model is a textbook mechanism written the way modellers write SBML by hand or in
COPASI/tellurium: laws with and without compartment factors, local parameters that
shadow each other, boundary species that are constant or not, amounts and
concentrations. The files are committed; this script documents how they were made.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent / "models"

# name: (level, version, volume, species {id: (initial, boundary, constant, amount?)},
#        globals {id: value}, reactions [(id, reversible, reactants, products, law,
#        locals {id: value}, modifiers)])
MODELS = {
    "linear_moiety": (3, 1, 1.0,
        {"X0": (10.0, True, True, False), "X1": (0.0, True, True, False),
         "S1": (0.0, False, False, False), "S2": (0.0, False, False, False),
         "ATP": (2.0, False, False, False), "ADP": (1.0, False, False, False)},
        {"k1": 0.3, "k2f": 2.0, "k2r": 0.5, "k3": 1.5, "k4f": 4.0, "k4r": 0.25},
        [("v1", False, {"X0": 1, "ATP": 1}, {"S1": 1, "ADP": 1}, "cell*k1*X0*ATP", {}, ()),
         ("v2", True, {"S1": 1}, {"S2": 1}, "cell*(k2f*S1 - k2r*S2)", {}, ()),
         ("v3", False, {"S2": 1}, {"X1": 1}, "cell*k3*S2", {}, ()),
         ("v4", True, {"ADP": 1}, {"ATP": 1}, "cell*(k4f*ADP - k4r*ATP)", {}, ())]),
    "reversible_mm": (3, 2, 1.0,
        {"S": (5.0, True, True, False), "P": (1.0, True, True, False),
         "E": (0.1, False, False, False), "ES": (0.0, False, False, False)},
        {"k1": 10.0, "K1": 2.0, "k2": 3.0, "km2": 0.5},
        [("bind", True, {"E": 1, "S": 1}, {"ES": 1}, "cell*k1*(E*S - ES/K1)", {}, ()),
         ("release", True, {"ES": 1}, {"E": 1, "P": 1}, "cell*(k2*ES - km2*E*P)", {}, ())]),
    "futile_cycle": (3, 2, 1.0,
        {"S": (1.0, False, False, False), "P": (0.5, False, False, False),
         "ATP": (3.0, True, True, False), "ADP": (0.3, True, True, False),
         "Pi": (1.0, True, True, False)},
        {"kk": 0.8, "kp": 1.7},
        [("kinase", False, {"S": 1, "ATP": 1}, {"P": 1, "ADP": 1}, "kk*S*ATP", {}, ()),
         ("phosphatase", False, {"P": 1}, {"S": 1, "Pi": 1}, "kp*P", {}, ())]),
    "ordered_bibi": (3, 2, 1.0,
        {"A": (2.0, True, True, False), "B": (3.0, True, True, False),
         "P": (0.5, True, True, False), "Q": (0.2, True, True, False),
         "E": (1.0, False, False, False), "EA": (0.0, False, False, False),
         "EAB": (0.0, False, False, False), "EQ": (0.0, False, False, False)},
        {"k1": 5.0, "km1": 1.0, "k2": 4.0, "km2": 2.0, "k3": 6.0, "km3": 0.7,
         "k4": 3.0, "km4": 0.4},
        [("r1", True, {"E": 1, "A": 1}, {"EA": 1}, "cell*(k1*E*A - km1*EA)", {}, ()),
         ("r2", True, {"EA": 1, "B": 1}, {"EAB": 1}, "cell*(k2*EA*B - km2*EAB)", {}, ()),
         ("r3", True, {"EAB": 1}, {"EQ": 1, "P": 1}, "cell*(k3*EAB - km3*EQ*P)", {}, ()),
         ("r4", True, {"EQ": 1}, {"E": 1, "Q": 1}, "cell*(k4*EQ - km4*E*Q)", {}, ())]),
    "branched": (3, 2, 1.0,
        {"X0": (4.0, True, True, False), "X1": (0.0, True, True, False),
         "X2": (0.5, True, True, False), "S1": (0.0, False, False, False),
         "S2": (0.0, False, False, False), "S3": (0.0, False, False, False)},
        {"v0": 1.2, "k1f": 2.0, "k1r": 0.7, "k2": 0.9, "k3": 1.1, "k4f": 0.6, "k4r": 0.3},
        [("J0", False, {"X0": 1}, {"S1": 1}, "cell*v0*X0", {}, ()),
         ("J1", True, {"S1": 1}, {"S2": 1}, "cell*(k1f*S1 - k1r*S2)", {}, ()),
         ("J2", False, {"S1": 1}, {"S3": 1}, "cell*k2*S1", {}, ()),
         ("J3", False, {"S2": 1}, {"X1": 1}, "cell*k3*S2", {}, ()),
         ("J4", True, {"S3": 1}, {"X2": 1}, "cell*(k4f*S3 - k4r*X2)", {}, ())]),
    "two_conservation": (3, 2, 1.0,
        {"X0": (2.0, True, True, False), "X1": (0.0, True, True, False),
         "E1": (1.0, False, False, False), "E1S": (0.0, False, False, False),
         "S": (0.0, False, False, False), "E2": (2.0, False, False, False),
         "E2S": (0.0, False, False, False)},
        {"k1": 3.0, "km1": 1.0, "k2": 0.5, "k3": 2.0, "km3": 0.3, "k4": 1.5},
        [("e1_bind", True, {"X0": 1, "E1": 1}, {"E1S": 1}, "cell*(k1*X0*E1 - km1*E1S)", {}, ()),
         ("e1_cat", False, {"E1S": 1}, {"E1": 1, "S": 1}, "cell*k2*E1S", {}, ()),
         ("e2_bind", True, {"S": 1, "E2": 1}, {"E2S": 1}, "cell*(k3*S*E2 - km3*E2S)", {}, ()),
         ("e2_cat", False, {"E2S": 1}, {"E2": 1, "X1": 1}, "cell*k4*E2S", {}, ())]),
    "boundary_species": (3, 2, 2.0,
        {"X0": (6.0, True, False, True), "S1": (0.0, False, False, True),
         "S2": (1.0, False, False, True), "X1": (0.2, True, True, True)},
        {"ka": 1.0, "kb": 0.4, "kc": 2.0, "kd": 0.8, "ke": 0.1},
        [("in", True, {"X0": 1}, {"S1": 1}, "compartment*(ka*X0 - kb*S1)", {}, ()),
         ("mid", False, {"S1": 1}, {"S2": 1}, "compartment*kc*S1", {}, ()),
         ("out", True, {"S2": 1}, {"X1": 1}, "compartment*(kd*S2 - ke*X1)", {}, ())]),
    "local_parameters": (3, 1, 0.5,
        {"A": (1.0, False, False, False), "B": (0.0, False, False, False),
         "C": (0.0, False, False, False), "E": (0.3, False, False, False)},
        {"k": 7.0},
        [("R1", False, {}, {"A": 1}, "compartment*k", {}, ()),
         ("R2", True, {"A": 1}, {"B": 1}, "compartment*(k*A - kr*B)",
          {"k": 2.0, "kr": 0.5}, ()),
         ("R3", False, {"B": 1}, {"C": 1}, "k*E*B", {"k": 1.5}, ("E",)),
         ("R4", False, {"C": 1}, {}, "compartment*k*C", {"k": 0.9}, ())]),
}

REFUSED = {
    "refused_michaelis_menten": ("v", "Vmax*S/(Km + S)", "{}"),
    "refused_hill": ("v", "Vmax*S^n/(K^n + S^n)", "{}"),
    "refused_function": ("v", "MA(k, S)", "{}"),
}


def _model(lib, name, level, version, volume, species, params, reactions):
    doc = lib.SBMLDocument(level, version)
    m = doc.createModel()
    m.setId(name)
    c = m.createCompartment()
    cid = "cell" if any("cell" in r[4] for r in reactions) else "compartment"
    c.setId(cid)
    c.setSize(volume)
    c.setConstant(True)
    c.setSpatialDimensions(3)
    for sid, (x, boundary, constant, amount) in species.items():
        s = m.createSpecies()
        s.setId(sid)
        s.setCompartment(cid)
        s.setBoundaryCondition(boundary)
        s.setConstant(constant)
        s.setHasOnlySubstanceUnits(False)
        (s.setInitialAmount if amount else s.setInitialConcentration)(x)
    for pid, value in params.items():
        p = m.createParameter()
        p.setId(pid)
        p.setValue(value)
        p.setConstant(True)
    for rid, rev, reactants, products, law, local, modifiers in reactions:
        r = m.createReaction()
        r.setId(rid)
        r.setReversible(rev)
        if level == 3 and version == 1:
            r.setFast(False)
        for side, create in ((reactants, r.createReactant), (products, r.createProduct)):
            for sid, n in side.items():
                ref = create()
                ref.setSpecies(sid)
                ref.setStoichiometry(n)
                ref.setConstant(True)
        for sid in modifiers:
            r.createModifier().setSpecies(sid)
        kl = r.createKineticLaw()
        for pid, value in local.items():
            p = kl.createLocalParameter()
            p.setId(pid)
            p.setValue(value)
        kl.setMath(lib.parseL3Formula(law))
    return doc


def main() -> None:
    import libsbml as lib

    HERE.mkdir(exist_ok=True)
    for name, spec in MODELS.items():
        doc = _model(lib, name, *spec)
        assert doc.checkConsistency() == 0 or all(
            doc.getError(i).getSeverity() < lib.LIBSBML_SEV_ERROR
            for i in range(doc.getNumErrors())), name
        lib.writeSBMLToFile(doc, str(HERE / f"{name}.xml"))
    base = MODELS["reversible_mm"]
    for name, (rid, law, _) in REFUSED.items():
        params = {"Vmax": 1.0, "Km": 0.5, "K": 0.5, "n": 2.0, "k": 1.0}
        doc = _model(lib, name, 3, 2, 1.0,
                     {"S": (1.0, False, False, False), "P": (0.0, False, False, False)},
                     params, [(rid, False, {"S": 1}, {"P": 1}, law, {}, ())])
        if name == "refused_function":
            f = doc.getModel().createFunctionDefinition()
            f.setId("MA")
            f.setMath(lib.parseL3Formula("lambda(k, S, k*S)"))
        lib.writeSBMLToFile(doc, str(HERE / f"{name}.xml"))
    del base


if __name__ == "__main__":
    main()
