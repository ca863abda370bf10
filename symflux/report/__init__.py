"""Reports people read: LaTeX, MathML, HTML and Markdown renderings of a Derivation."""
