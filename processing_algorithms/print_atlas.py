"""optima:print_atlas — a QGIS print layout with an atlas: a cover page, then one page per territory."""
import datetime
import os

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..optima_plugin.compat import FieldParamType, SourceType
from ..optima_plugin.core.errors import InputError
from .base import OptimaAlgorithm

LANGUAGES = ["fr", "en"]

class PrintAtlas(OptimaAlgorithm):
    NAME = "print_atlas"
    GROUP = "scenarios"
    NEEDS_DEPENDENCIES = False

    def display_name(self):
        return self.tr("Print atlas of the territories (PDF)")

    def flags(self):
        # layouts, the project's layout manager and the PDF export belong to the main thread
        try:
            from qgis.core import Qgis
            return super().flags() | Qgis.ProcessingAlgorithmFlag.NoThreading
        except AttributeError:  # QGIS < 3.36
            from qgis.core import QgsProcessingAlgorithm
            return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def help(self):
        return self.tr(
            "Builds a QGIS print layout with an atlas on the territories and exports it to PDF: a cover page "
            "(the whole map and a table of the territories), then one A4 page per territory (map of its "
            "communes and sites, legend, scale bar, north arrow, the territory's figures, source line, "
            "optional logo). The layout is added to the project (Project > Layouts) to be edited and printed "
            "again.\n\n"
            "TERRITORIES: territory polygons (output of the clustering or of the indicators). "
            "TERRITORY_NAME_FIELD (optional): the names shown (default: name; else the hub commune's name). "
            "COMMUNES (optional): communes with their territory (coloured by territory). SITES (optional). "
            "TITLE, SOURCE (the source line), LOGO (optional image), LAYOUT_NAME, LANGUAGE.\n\n"
            "Output: OUTPUT_PDF (1 + number of territories pages), N_PAGES, LAYOUT_NAME.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterVectorLayer(
            "TERRITORIES", self.tr("Territories"), [SourceType.VectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            "TERRITORY_NAME_FIELD", self.tr("Territory name field (default: name, else the hub commune's name)"),
            parentLayerParameterName="TERRITORIES", type=FieldParamType.String, optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer(
            self.COMMUNES, self.tr("Communes with their territory"), [SourceType.VectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "SITES", self.tr("Service sites"), [SourceType.VectorPoint], optional=True))
        self.addParameter(QgsProcessingParameterString(
            "TITLE", self.tr("Title"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "SOURCE", self.tr("Source line (default: INSEE, IGN, OPTIMA)"), optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "LOGO", self.tr("Logo (PNG, JPEG or SVG)"), optional=True,
            fileFilter="Images (*.png *.jpg *.jpeg *.svg)"))
        self.addParameter(QgsProcessingParameterString(
            "LAYOUT_NAME", self.tr("Name of the layout in the project"), defaultValue="OPTIMA atlas"))
        self.addParameter(QgsProcessingParameterEnum(
            "LANGUAGE", self.tr("Language"), ["Français", "English"], defaultValue=0))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_PDF", self.tr("Atlas (PDF)"), self.tr("PDF files (*.pdf)")))
        self.addOutput(QgsProcessingOutputNumber("N_PAGES", self.tr("Number of pages")))
        self.addOutput(QgsProcessingOutputString("LAYOUT_NAME", self.tr("Layout name")))

    def execute_optima(self, parameters, context, feedback):
        from qgis.core import QgsLayoutExporter, QgsProject

        from ..optima_plugin import atlas as at

        lang = LANGUAGES[self.parameterAsEnum(parameters, "LANGUAGE", context)]
        terr = self.parameterAsVectorLayer(parameters, "TERRITORIES", context)
        communes = self.parameterAsVectorLayer(parameters, self.COMMUNES, context)
        sites = self.parameterAsVectorLayer(parameters, "SITES", context)
        if terr is None or not terr.isValid():
            raise InputError(self.tr("TERRITORIES: the layer cannot be read."))
        if "territory" not in terr.fields().names():
            raise InputError(self.tr("TERRITORIES: the layer has no 'territory' field."))
        if terr.featureCount() == 0:
            raise InputError(self.tr("TERRITORIES is empty: no page to print."))
        if communes is not None and "territory" not in communes.fields().names():
            raise InputError(self.tr("COMMUNES: the layer has no 'territory' field."))
        name_field = self.parameterAsString(parameters, "TERRITORY_NAME_FIELD", context) or None
        logo = self.parameterAsFile(parameters, "LOGO", context) or None
        if logo and not os.path.exists(logo):
            raise InputError(self.tr("LOGO: the file {} does not exist.").format(logo))
        project = context.project() or QgsProject.instance()
        name = self.parameterAsString(parameters, "LAYOUT_NAME", context) or "OPTIMA atlas"
        title = self.parameterAsString(parameters, "TITLE", context) or None
        source = self.parameterAsString(parameters, "SOURCE", context) or None

        feedback.setProgressText(self.tr("Building the layout..."))
        layout, n = at.build_atlas_layout(project, terr, communes, sites, name=name, title=title, source=source,
                                          logo=logo, name_field=name_field, lang=lang,
                                          date=datetime.date.today())
        feedback.setProgress(30)
        out = self.parameterAsFileOutput(parameters, "OUTPUT_PDF", context)
        if not out.lower().endswith(".pdf"):
            out += ".pdf"
        os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
        feedback.setProgressText(self.tr("Exporting {} pages to PDF...").format(n + 1))
        res, err = at.export_pdf(layout, out, feedback)
        if res != QgsLayoutExporter.Success:
            raise InputError(self.tr("The PDF could not be written ({}): {}").format(out, err or res))
        feedback.pushInfo(self.tr("Atlas written: {} ({} pages); layout '{}' added to the project.").format(
            out, n + 1, layout.name()))
        return {"OUTPUT_PDF": out, "N_PAGES": n + 1, "LAYOUT_NAME": layout.name()}
