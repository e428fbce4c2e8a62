"""The commune inputs shared by the algorithms: a layer of communes (or of demand places), its
identifier field and its population field, declared and read the same way everywhere.

Parameter names are constants (as in QGIS's own algorithms); each algorithm keeps its own names
and labels where they differ (``COMMUNES`` in territory_indicators, ``DEMAND`` in
locate_service_sites), so that existing models and scripts keep working.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from qgis.core import QgsProcessingParameterFeatureSource, QgsProcessingParameterField

from ..optima_plugin.compat import FieldParamType, SourceType
from ..optima_plugin.i18n import tr

INPUT = "INPUT"
COMMUNES = "COMMUNES"
ID_FIELD = "ID_FIELD"
POPULATION_FIELD = "POPULATION_FIELD"


@dataclass(frozen=True)
class CommuneParams:
    """The names of the commune parameters of one algorithm (None: the algorithm has none)."""
    layer: str = INPUT
    id_field: Optional[str] = ID_FIELD
    population_field: Optional[str] = POPULATION_FIELD


def add_commune_inputs(alg, names: CommuneParams = CommuneParams(), layer_label=None, layer_types=None,
                       id_label=None, population_label=None, population_optional=False):
    """Declare the layer, its identifier field (optional: the feature id by default) and its
    population field (any type: numbers, or numbers written as text)."""
    add_commune_layer(alg, names.layer, layer_label, layer_types)
    if names.id_field:
        add_id_field(alg, names.id_field, names.layer, id_label)
    if names.population_field:
        add_population_field(alg, names.population_field, names.layer, population_label, population_optional)


def add_commune_layer(alg, name: str = INPUT, label=None, types=None):
    alg.addParameter(QgsProcessingParameterFeatureSource(
        name, label or tr("Communes"), types or [SourceType.VectorPolygon]))


def add_id_field(alg, name: str = ID_FIELD, layer: str = INPUT, label=None):
    """An optional identifier field (the feature id when none is given)."""
    alg.addParameter(QgsProcessingParameterField(
        name, label or tr("Commune identifier field (e.g. insee)"), parentLayerParameterName=layer, optional=True))


def add_population_field(alg, name: str = POPULATION_FIELD, layer: str = INPUT, label=None, optional=False):
    """A population (or weight) field of any type: numbers, or numbers written as text."""
    alg.addParameter(number_field(name, label or tr("Population field"), layer, optional=optional))


@dataclass
class Communes:
    """A commune layer as read: the layer data, one text identifier per feature (the feature id
    when no field is given) and the population (None without a population field)."""
    data: "object"                 # qgis_io.LayerData
    ids: list
    id_field: str                  # "" for the feature id
    population: "object" = None    # numpy floats
    population_field: str = ""

    @property
    def gdf(self):
        return self.data.gdf


def read_communes(alg, parameters, context, feedback, names: CommuneParams = CommuneParams(),
                  what: str = "population", target_crs=None) -> Communes:
    """Read the layer, check the identifiers (no blank, no duplicate: refused naming them) and
    read the population as numbers (text numbers read by ``core.values``, how they were read in
    the log; NULL, negative, not-a-number or ambiguous values refused naming the features)."""
    from ..optima_plugin.core import pipeline
    from ..optima_plugin.qgis_io import read_source

    src = alg.parameterAsSource(parameters, names.layer, context)
    data = read_source(src, names.layer, context, feedback, target_crs=target_crs)
    gdf = data.gdf
    id_field = alg.parameterAsString(parameters, names.id_field, context) if names.id_field else ""
    ids = pipeline.unique_ids(gdf[id_field] if id_field else data.fids, id_field or "feature id", data.fids)
    pop_field = alg.parameterAsString(parameters, names.population_field, context) \
        if names.population_field else ""
    pop = (pipeline.numeric_field(gdf[pop_field], pop_field, ids, what=what, log=feedback.pushInfo)
           if pop_field else None)
    return Communes(data, ids, id_field or "", pop, pop_field or "")


def number_field(name: str, label: str, layer: str, optional: bool = False, default=None):
    """A field of numbers read by ``core.values``: declared of any type, so that a text column
    holding numbers ("2 279", "2,279") can be chosen in the dialog; its help says so."""
    param = QgsProcessingParameterField(name, label, defaultValue=default, parentLayerParameterName=layer,
                                        type=FieldParamType.Any, optional=optional)
    param.setHelp(number_help())
    return param


def number_help() -> str:
    return tr("Numbers, or numbers written as text (\"2 279\", \"2,279\", \"1 234,5\").")


def _source_fields(alg, parameters, context, layer_name):
    """The fields of the layer given to ``layer_name``, or None when it cannot be read here (the
    algorithm then says what is wrong)."""
    try:
        src = alg.parameterAsSource(parameters, layer_name, context)
        if src is None:
            lyr = alg.parameterAsVectorLayer(parameters, layer_name, context)
            return lyr.fields() if lyr is not None else None
        return src.fields()
    except Exception:  # noqa: BLE001 - an unreadable layer is reported by the algorithm itself
        return None


def _field_names(alg, parameters, name, context) -> list:
    """The field names given to a field parameter (parameterAsFields, parameterAsStrings from
    QGIS 3.40 on, else the value as given)."""
    for getter in ("parameterAsFields", "parameterAsStrings"):
        if hasattr(alg, getter):
            try:
                return [str(f) for f in getattr(alg, getter)(parameters, name, context) if f]
            except Exception:  # noqa: BLE001 - try the next way
                pass
    v = parameters.get(name)
    return [str(f) for f in (v if isinstance(v, (list, tuple)) else [v]) if f not in (None, "")]


def field_type_problems(alg, parameters, context) -> list:
    """A message for every field given to a parameter declared Numeric that is not numeric, naming
    the parameter (label and name), the field and its type. QGIS shows only numeric fields in the
    dialog for such a parameter, but a model, a script or qgis_process may pass any field."""
    from qgis.core import QgsProcessingParameterField

    problems = []
    for d in alg.parameterDefinitions():
        if not isinstance(d, QgsProcessingParameterField) or d.dataType() != FieldParamType.Numeric:
            continue
        if parameters is None or parameters.get(d.name()) in (None, "", []):
            continue
        names = _field_names(alg, parameters, d.name(), context)
        fields = _source_fields(alg, parameters, context, d.parentLayerParameterName()) if names else None
        if fields is None:
            continue
        for name in names:
            idx = fields.lookupField(name)
            if idx < 0:
                continue
            fld = fields.at(idx)
            if not fld.isNumeric():
                kind = fld.friendlyTypeString() if hasattr(fld, "friendlyTypeString") else fld.typeName()
                problems.append(tr("{} ({}): the field '{}' is of type {}; this parameter needs a numeric field "
                                   "(integer or decimal). Convert the field to numbers or choose another "
                                   "one.").format(d.description(), d.name(), fld.name(), kind))
    return problems
