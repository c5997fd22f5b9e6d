"""Two pages, one with numbered targets and one that refers to them; ``handbook_numref`` swaps the std domain."""

project = "numref"
extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence"]
numfig = True
handbook_numref = False


def setup(app):
    app.add_config_value("handbook_numref", False, "env")
    app.connect("config-inited", _domain)


def _domain(app, config):
    if config.handbook_numref:
        from handbook.sphinx_ext.numref import StandardDomain

        app.add_domain(StandardDomain, override=True)
