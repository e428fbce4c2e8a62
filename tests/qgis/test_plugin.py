"""The plugin loads, registers its provider and unloads cleanly."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_load_unload_twice(optima):
    import optima as plugin_pkg
    from qgis.core import QgsApplication

    reg = QgsApplication.processingRegistry()
    optima.unload()  # the session's instance steps aside, and comes back at the end
    assert reg.providerById("optima") is None
    for _ in range(2):
        plugin = plugin_pkg.classFactory(None)
        plugin.initProcessing()
        prov = reg.providerById("optima")
        assert prov is not None
        ids = {a.id() for a in prov.algorithms()}
        assert "optima:load_french_communes" in ids
        plugin.unload()
        assert reg.providerById("optima") is None
    optima.initProcessing()
    assert reg.providerById("optima") is not None


def test_every_algorithm_module_loads(optima):
    from optima.optima_plugin import provider
    provider.algorithm_classes()
    assert provider.LOAD_ERRORS == []


def test_every_algorithm_has_help_group_icon(optima):
    from qgis.core import QgsApplication, QgsProcessingAlgorithm

    prov = QgsApplication.processingRegistry().providerById("optima")
    algs = prov.algorithms()
    assert len(algs) >= 2
    for a in algs:
        if a.id().startswith("optima:") and a.provider() is prov and not a.id().startswith("optima:model"):
            assert a.shortHelpString(), a.id()
            assert a.group() and a.groupId(), a.id()
            assert not a.icon().isNull(), a.id()
            assert not (a.flags() & QgsProcessingAlgorithm.FlagHideFromModeler), a.id()
            assert a.name() == a.name().lower(), a.id()
            for p in a.parameterDefinitions():
                assert p.name() == p.name().upper(), (a.id(), p.name())


def test_core_does_not_import_qgis():
    core = ROOT / "optima_plugin" / "core"
    offenders = []
    for f in core.rglob("*.py"):
        for line in f.read_text(encoding="utf-8").splitlines():
            s = line.strip()
            if s.startswith("import qgis") or s.startswith("from qgis"):
                offenders.append(f"{f.name}: {s}")
    assert not offenders, offenders


def test_metadata_complete():
    import configparser
    cp = configparser.ConfigParser()
    cp.read(ROOT / "metadata.txt", encoding="utf-8")
    g = cp["general"]
    assert g["qgisMinimumVersion"] == "3.22"
    assert g["hasProcessingProvider"] == "yes"
    for k in ("name", "description", "about", "version", "author", "email", "tracker", "repository",
              "homepage", "tags", "license", "changelog", "icon"):
        assert g.get(k, "").strip(), k
    assert (ROOT / g["icon"]).exists()
