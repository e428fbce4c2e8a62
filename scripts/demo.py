"""OPTIMA demo on a real département: communes -> territories -> one office per territory ->
indicators -> report, through processing.run in a standalone (offscreen) QGIS.

    make demo                      # Haute-Garonne (31), 8 territories
    make demo DEP=64 K=6

Writes, in --out (default build/demo):
- optima_demo.gpkg   layers communes, territories, sites, each with its OPTIMA style saved as
                     the default style (opens styled in any QGIS);
- optima_demo.qgz    a QGIS project with the three layers, styled;
- rapport.html       the self-contained report (French; --lang en for English);
and the map of the territories in docs/img/demo_map.png (--map to change, --map '' for none).
"""
import argparse
import os
import shutil
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dep", default=os.environ.get("DEP") or "31", help="département code(s), e.g. 31 or 2A,2B")
    p.add_argument("--k", type=int, default=int(os.environ.get("K") or 8), help="number of territories")
    p.add_argument("--threshold", type=float, default=20.0, help="access threshold (minutes)")
    p.add_argument("--lang", default="fr", choices=["fr", "en"], help="report language")
    p.add_argument("--out", default=os.path.join(ROOT, "build", "demo"))
    p.add_argument("--map", default=os.path.join(ROOT, "docs", "img", "demo_map.png"),
                   help="where to write the territory map PNG ('' = nowhere)")
    return p.parse_args(argv)


def start_qgis():
    """QGIS, Processing and the OPTIMA provider, kept alive by qgis_standalone until the end."""
    import qgis_standalone
    qgis_standalone.start()
    return qgis_standalone.plugin()


def copy_layer(src_path, gpkg, name):
    """Copy the single layer of ``src_path`` into ``gpkg`` as ``name`` (created or overwritten)."""
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter, QgsVectorLayer
    lyr = QgsVectorLayer(src_path, name, "ogr")
    if not lyr.isValid():
        raise RuntimeError(f"cannot open {src_path}")
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    opts.layerName = name
    opts.actionOnExistingFile = (QgsVectorFileWriter.CreateOrOverwriteLayer if os.path.exists(gpkg)
                                 else QgsVectorFileWriter.CreateOrOverwriteFile)
    write = getattr(QgsVectorFileWriter, "writeAsVectorFormatV3", None) or QgsVectorFileWriter.writeAsVectorFormatV2
    res = write(lyr, gpkg, QgsCoordinateTransformContext(), opts)
    if res[0] != QgsVectorFileWriter.NoError:
        raise RuntimeError(f"cannot write {name} into {gpkg}: {res[1]}")
    return f"{gpkg}|layername={name}"


def main(argv=None):
    args = parse_args(argv)
    t0 = time.time()
    start_qgis()
    import processing
    from qgis.core import QgsProject, QgsVectorLayer

    from optima.optima_plugin import report as qr
    from optima.optima_plugin import styling

    out = os.path.abspath(args.out)
    work = os.path.join(out, "work")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work, exist_ok=True)
    w = lambda name: os.path.join(work, name)  # noqa: E731

    def step(label, alg, params):
        t = time.time()
        res = processing.run(alg, params)
        print(f"  {label:<28} {time.time() - t:6.1f} s", flush=True)
        return res

    print(f"OPTIMA demo: département(s) {args.dep}, {args.k} territories, threshold {args.threshold:g} min")
    r = step("load communes", "optima:load_french_communes",
             {"DEPARTEMENTS": args.dep, "OUTPUT": w("communes.gpkg"), "OUTPUT_TOWN_HALLS": w("mairies.gpkg")})
    n_communes = r["N_COMMUNES"]
    step("cluster territories", "optima:cluster_territories",
         {"INPUT": w("communes.gpkg"), "ID_FIELD": "insee", "POPULATION_FIELD": "population",
          "N_TERRITORIES": args.k, "OUTPUT_COMMUNES": w("clusters.gpkg"),
          "OUTPUT_TERRITORIES": w("clusters_t.gpkg")})
    step("locate 1 office/territory", "optima:locate_service_sites",
         {"DEMAND": w("clusters.gpkg"), "DEMAND_ID_FIELD": "insee", "WEIGHT_FIELD": "population",
          "TERRITORY_FIELD": "territory", "N_SITES": 1, "OUTPUT_SITES": w("offices.gpkg"),
          "OUTPUT_ALLOCATION": w("allocation.gpkg"), "OUTPUT_LINES": "TEMPORARY_OUTPUT"})
    ind = step("indicators", "optima:territory_indicators",
               {"COMMUNES": w("clusters.gpkg"), "TERRITORY_FIELD": "territory", "POPULATION_FIELD": "population",
                "SITES": w("offices.gpkg"), "SITE_ID_FIELD": "site_id", "THRESHOLD_MIN": args.threshold,
                "OUTPUT_COMMUNES": w("ind_communes.gpkg"), "OUTPUT_TERRITORIES": w("ind_territories.gpkg"),
                "OUTPUT_SITES": w("ind_sites.gpkg")})

    gpkg = os.path.join(out, "optima_demo.gpkg")
    if os.path.exists(gpkg):
        os.remove(gpkg)
    uris = {name: copy_layer(w(src), gpkg, name) for name, src in
            (("communes", "ind_communes.gpkg"), ("territories", "ind_territories.gpkg"),
             ("sites", "ind_sites.gpkg"))}
    kinds = {"communes": "time", "territories": "territories", "sites": "sites"}
    for name, uri in uris.items():
        label = "nom" if name == "sites" else None
        if not styling.save_default_style(uri, kinds[name], label):
            print(f"  warning: style of {name} not saved in the GeoPackage")

    html = os.path.join(out, "rapport.html" if args.lang == "fr" else "report.html")
    step("report", "optima:territorialisation_report",
         {"COMMUNES": uris["communes"], "TERRITORIES": uris["territories"], "SITES": uris["sites"],
          "THRESHOLD_MIN": args.threshold, "LANGUAGE": 0 if args.lang == "fr" else 1,
          "TITLE": (f"Territorialisation — département {args.dep}" if args.lang == "fr"
                    else f"Territorialisation — département {args.dep}"),
          "OUTPUT_HTML": html})

    # the QGIS project: the layers from the GeoPackage, styled
    project = QgsProject()
    layers = {}
    for name in ("communes", "territories", "sites"):
        lyr = QgsVectorLayer(uris[name], {"communes": "Communes (temps d'accès)", "territories": "Territoires",
                                          "sites": "Sites de service"}[name], "ogr")
        styling.apply_style(lyr, kinds[name], "nom" if name == "sites" else None)
        layers[name] = lyr
    for name in ("communes", "territories", "sites"):   # added bottom first: sites end on top
        project.addMapLayer(layers[name])
    root = project.layerTreeRoot()
    order = [root.findLayer(layers[n].id()) for n in ("sites", "territories", "communes")]
    root.setHasCustomLayerOrder(False)
    for node in reversed(order):
        clone = node.clone()
        root.insertChildNode(0, clone)
        root.removeChildNode(node)
    root.findLayer(layers["communes"].id()).setItemVisibilityChecked(False)
    project.setCrs(layers["territories"].crs())
    project.setTitle(f"OPTIMA — {args.dep}")
    qgz = os.path.join(out, "optima_demo.qgz")
    if not project.write(qgz):
        raise SystemExit(f"could not write {qgz}")

    if args.map:
        from qgis.core import QgsVectorLayer as VL
        from optima.optima_plugin.core import report_html as rh
        t = VL(uris["territories"], "t", "ogr")
        s = VL(uris["sites"], "s", "ogr")
        names = rh.territory_names(qr.source_table(t), None, qr.source_table(s))
        png = qr.territory_map(qr.memory_copy(t, "territories"), qr.memory_copy(s, "sites"), names)
        os.makedirs(os.path.dirname(os.path.abspath(args.map)), exist_ok=True)
        with open(args.map, "wb") as fh:
            fh.write(png)

    shutil.rmtree(work, ignore_errors=True)
    print(f"\n{n_communes} communes, {args.k} territories: {ind['COVERAGE_PCT']:.1f} % of the population within "
          f"{args.threshold:g} min, mean time {ind['MEAN_TIME']:.1f} min, Gini {ind['GINI_TIME']:.3f}")
    print(f"GeoPackage : {gpkg}\nProject    : {qgz}\nReport     : {html}")
    if args.map:
        print(f"Map        : {os.path.abspath(args.map)}")
    print(f"Done in {time.time() - t0:.0f} s.")
    return 0


if __name__ == "__main__":
    import qgis_standalone
    # a clean exit: the QgsApplication outlives main()'s layers and project, then exitQgis()
    qgis_standalone.run(main)
