"""Writes resources/models/territorialisation.model3, the Processing model "Territorialisation"
chaining (load_french_communes when no communes layer is given) -> cluster_territories ->
locate_service_sites -> territory_indicators -> territorialisation_report.

The model is generated here (QgsProcessingModelAlgorithm API) rather than drawn by hand, so it
stays in step with the algorithms' parameter ids, and every mandatory parameter of every child is
connected (no red box in the graphical modeller: ``validate()`` below checks it). Its names,
boxes, inputs and outputs are in French: the people who open it in the modeller are French
GIS officers (a .model3 file carries its own labels, they are not translated). Run after
changing a parameter id:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/build_model.py

Model parameters (ids stable, upper case like every OPTIMA parameter): COMMUNES (optional polygon
layer: the user's communes; empty = the built-in communes of DEPARTEMENTS), ID_FIELD and
POPULATION_FIELD (its fields; default insee / population), DEPARTEMENTS (text, default 31),
N_TERRITORIES (default 8), THRESHOLD_MIN (default 20), LANGUAGE (0 Français, 1 English).
Model outputs (qgis_process names): INDICATORS:COMMUNES, INDICATORS:TERRITORIES,
INDICATORS:SITES, REPORT:HTML.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL = os.path.join(ROOT, "resources", "models", "territorialisation.model3")


def build():
    from qgis.core import (
        QgsApplication,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource as Src,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterDefinition,
        QgsProcessingParameterEnum,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterField,
        QgsProcessingParameterNumber,
        QgsProcessingParameterString,
        QgsProcessing,
    )
    from qgis.PyQt.QtCore import QPointF

    m = QgsProcessingModelAlgorithm("Territorialisation", "scenarios", "scenarios")
    m.setHelpContent({
        "ALG_DESC": "La territorialisation en un seul lancement : prend votre couche de communes (ou, laissée "
                    "vide, charge les communes des départements indiqués à partir des données intégrées, hors "
                    "ligne), la découpe en territoires équilibrés et d'un seul tenant, place un site de service "
                    "par territoire (p-médiane), mesure l'accès et l'équité et écrit le rapport HTML.",
        "COMMUNES": "Votre couche de communes (polygones). Vide : les communes des départements ci-dessous.",
        "ID_FIELD": "Champ identifiant des communes (insee par défaut).",
        "POPULATION_FIELD": "Champ de population (population par défaut).",
        "DEPARTEMENTS": "Codes des départements séparés par des virgules (ex. 31 ou 2A,2B), utilisés quand "
                        "aucune couche de communes n'est donnée.",
        "N_TERRITORIES": "Nombre de territoires.",
        "THRESHOLD_MIN": "Promesse d'accès en minutes.",
        "LANGUAGE": "Langue du rapport : 0 Français, 1 English.",
        "ALG_CREATOR": "OPTIMA",
    })

    def param(defn, x, y, optional=False):
        if optional:
            defn.setFlags(defn.flags() | QgsProcessingParameterDefinition.FlagOptional)
        mp = QgsProcessingModelParameter(defn.name())
        mp.setPosition(QPointF(x, y))
        m.addModelParameter(defn, mp)

    param(QgsProcessingParameterFeatureSource("COMMUNES", "Couche des communes (vide : données intégrées)",
                                              [QgsProcessing.TypeVectorPolygon], optional=True), 120, 60, True)
    param(QgsProcessingParameterField("ID_FIELD", "Champ identifiant des communes", "insee", "COMMUNES",
                                      optional=True), 340, 60, True)
    param(QgsProcessingParameterField("POPULATION_FIELD", "Champ de population", "population", "COMMUNES",
                                      QgsProcessingParameterField.Any, optional=True), 560, 60, True)
    param(QgsProcessingParameterString("DEPARTEMENTS", "Départements (codes séparés par des virgules)", "31"),
          780, 60)
    param(QgsProcessingParameterNumber("N_TERRITORIES", "Nombre de territoires",
                                       QgsProcessingParameterNumber.Integer, 8, minValue=1), 120, 140)
    param(QgsProcessingParameterNumber("THRESHOLD_MIN", "Seuil d'accès (minutes)",
                                       QgsProcessingParameterNumber.Double, 20.0, minValue=0.0), 340, 140)
    param(QgsProcessingParameterEnum("LANGUAGE", "Langue du rapport", ["Français", "English"], defaultValue=0),
          560, 140)

    def child(cid, alg, x, y, sources, outputs=None, description=None):
        c = QgsProcessingModelChildAlgorithm(alg)
        c.setChildId(cid)
        c.setDescription(description or cid)
        c.setPosition(QPointF(x, y))
        for name, src in sources.items():
            c.addParameterSources(name, [src])
        # every other mandatory parameter gets its default as a static value: the modeller shows
        # the box valid (not red) and the value the algorithm would take anyway
        defn = QgsApplication.processingRegistry().algorithmById(alg)
        for d in defn.parameterDefinitions():
            if (d.name() not in sources and not d.isDestination()
                    and not d.flags() & QgsProcessingParameterDefinition.FlagOptional
                    and d.defaultValue() is not None):
                c.addParameterSources(d.name(), [S(d.defaultValue())])
        outs = {}
        for out_name, (model_name, desc) in (outputs or {}).items():
            o = QgsProcessingModelOutput(model_name, desc)
            o.setChildId(cid)
            o.setChildOutputName(out_name)
            o.setPosition(QPointF(x + 260, y + 40 + 30 * len(outs)))
            outs[model_name] = o
        c.setModelOutputs(outs)
        m.addChildAlgorithm(c)
        return c

    P, S, O, E = Src.fromModelParameter, Src.fromStaticValue, Src.fromChildOutput, Src.fromExpression
    # the user's layer when given, else the built-in communes (expressions: no red box, no branch)
    # (a child output's variable is named after the box: "Charger les communes" -> @Charger_les_communes_OUTPUT)
    communes = E("if(coalesce(@COMMUNES, '') = '', @Charger_les_communes_OUTPUT, @COMMUNES)")
    id_field = E("if(coalesce(@COMMUNES, '') = '', 'insee', coalesce(@ID_FIELD, 'insee'))")
    pop_field = E("if(coalesce(@COMMUNES, '') = '', 'population', coalesce(@POPULATION_FIELD, 'population'))")
    child("LOAD", "optima:load_french_communes", 120, 240, {"DEPARTEMENTS": P("DEPARTEMENTS")},
          description="Charger les communes")
    cluster = child("CLUSTER", "optima:cluster_territories", 120, 360, {
        "INPUT": communes, "ID_FIELD": id_field, "POPULATION_FIELD": pop_field,
        "N_TERRITORIES": P("N_TERRITORIES")}, description="Regrouper les communes en territoires")
    # the expression names LOAD's output through a variable, which the model does not count as a
    # dependency: without this, CLUSTER could run before LOAD (then its INPUT is empty)
    from qgis.core import QgsProcessingModelChildDependency
    cluster.setDependencies([QgsProcessingModelChildDependency("LOAD")])
    m.setChildAlgorithm(cluster)
    child("LOCATE", "optima:locate_service_sites", 120, 480, {
        "DEMAND": O("CLUSTER", "OUTPUT_COMMUNES"), "DEMAND_ID_FIELD": id_field,
        "WEIGHT_FIELD": pop_field, "TERRITORY_FIELD": S("territory"), "N_SITES": S(1),
        "PROBLEM": S(0)}, description="Implanter un site par territoire")
    child("INDICATORS", "optima:territory_indicators", 120, 600, {
        "COMMUNES": O("CLUSTER", "OUTPUT_COMMUNES"), "TERRITORY_FIELD": S("territory"),
        "POPULATION_FIELD": pop_field, "SITES": O("LOCATE", "OUTPUT_SITES"), "SITE_ID_FIELD": S("site_id"),
        "THRESHOLD_MIN": P("THRESHOLD_MIN")},
        outputs={"OUTPUT_COMMUNES": ("COMMUNES", "Communes (temps d'accès)"),
                 "OUTPUT_TERRITORIES": ("TERRITORIES", "Territoires"),
                 "OUTPUT_SITES": ("SITES", "Sites de service")},
        description="Indicateurs des territoires")
    child("REPORT", "optima:territorialisation_report", 120, 740, {
        "COMMUNES": O("INDICATORS", "OUTPUT_COMMUNES"), "TERRITORIES": O("INDICATORS", "OUTPUT_TERRITORIES"),
        "SITES": O("INDICATORS", "OUTPUT_SITES"), "THRESHOLD_MIN": P("THRESHOLD_MIN"),
        "LANGUAGE": P("LANGUAGE")},
        outputs={"OUTPUT_HTML": ("HTML", "Rapport (HTML)")}, description="Rapport de territorialisation")
    # the model's destination parameters (INDICATORS:COMMUNES, ..., REPORT:HTML) from the outputs
    m.updateDestinationParameters()
    return m


def validate(m) -> list:
    """Problems the graphical modeller would draw as red boxes (a mandatory child parameter
    with no source), as text; [] when the model is valid."""
    problems = []
    for cid in m.childAlgorithms():
        ok, issues = m.validateChildAlgorithm(cid)
        if not ok:
            problems.append(f"{cid}: " + "; ".join(issues))
    return problems


def main(path=MODEL):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication
    app = QgsApplication([], False)
    app.initQgis()
    # the children's algorithms must be registered: the model's outputs come from their definitions
    for extra in (os.path.join(ROOT, "build", "qgis-plugins"), "/usr/share/qgis/python/plugins"):
        sys.path.insert(0, extra)
    from processing.core.Processing import Processing
    Processing.initialize()
    import optima
    plugin = optima.classFactory(None)
    plugin.initProcessing()
    m = build()
    problems = validate(m)
    if problems:
        raise SystemExit("the model is not valid:\n" + "\n".join(problems))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if not m.toFile(path):
        raise SystemExit(f"could not write {path}")
    print(path)
    plugin.unload()
    app.exitQgis()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else MODEL)
