"""Map tools of the territory editor: assign by click or rectangle (with a preview while hovering),
pick the target territory by clicking one of its communes."""
from __future__ import annotations

from qgis.core import QgsPointXY, QgsRectangle
from qgis.gui import QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from ..compat import GeometryType


class _CommuneTool(QgsMapTool):
    """Finds the commune under the cursor through the dock's spatial index (layer coordinates)."""

    def __init__(self, canvas, dock):
        super().__init__(canvas)
        self.dock = dock
        self.setCursor(Qt.CrossCursor)

    def _layer_point(self, event):
        return self.toLayerCoordinates(self.dock.layer, event.mapPoint())

    def commune_at(self, event):
        p = self._layer_point(event)
        return self.dock.commune_at(p.x(), p.y())


class AssignTool(_CommuneTool):
    """Click: assign the commune under the cursor to the target territory; drag: a rectangle,
    every commune it touches. Hovering previews the move in the dock."""

    DRAG_PX = 4

    def __init__(self, canvas, dock, rectangle: bool = False):
        super().__init__(canvas, dock)
        self.rectangle = rectangle
        self._start = None
        self._start_px = None
        self._last = None
        self.band = QgsRubberBand(canvas, GeometryType.Polygon)
        self.band.setColor(QColor(220, 30, 30, 60))
        self.band.setStrokeColor(QColor(220, 30, 30))
        self.band.setWidth(1)

    def canvasPressEvent(self, event):
        if event.button() == Qt.LeftButton:
            self._start = event.mapPoint()
            self._start_px = event.pos()

    def canvasMoveEvent(self, event):
        if self._start is not None and self.rectangle:
            r = QgsRectangle(self._start, event.mapPoint())
            self.band.setToGeometry(_rect_geometry(r), None)
            return
        i = self.commune_at(event)
        if i != self._last:
            self._last = i
            self.dock.show_preview(None if i is None else [i])

    def canvasReleaseEvent(self, event):
        if event.button() != Qt.LeftButton or self._start is None:
            return
        moved = (event.pos() - self._start_px).manhattanLength() > self.DRAG_PX
        start, self._start = self._start, None
        self.band.reset(GeometryType.Polygon)
        if self.rectangle and moved:
            a = self.toLayerCoordinates(self.dock.layer, start)
            b = self.toLayerCoordinates(self.dock.layer, event.mapPoint())
            idx = self.dock.communes_in(min(a.x(), b.x()), min(a.y(), b.y()), max(a.x(), b.x()), max(a.y(), b.y()))
        else:
            i = self.commune_at(event)
            idx = [] if i is None else [i]
        if idx:
            self.dock.assign_positions(idx)
        self._last = None

    def deactivate(self):
        self.band.reset(GeometryType.Polygon)
        self.dock.show_preview(None)
        super().deactivate()


class PickTargetTool(_CommuneTool):
    """Click a commune: its territory becomes the target; then back to the previous tool."""

    def canvasReleaseEvent(self, event):
        if event.button() != Qt.LeftButton:
            return
        i = self.commune_at(event)
        if i is not None:
            self.dock.pick_target_from(i)


def _rect_geometry(r):
    from qgis.core import QgsGeometry
    return QgsGeometry.fromPolygonXY([[QgsPointXY(r.xMinimum(), r.yMinimum()), QgsPointXY(r.xMaximum(), r.yMinimum()),
                                       QgsPointXY(r.xMaximum(), r.yMaximum()), QgsPointXY(r.xMinimum(), r.yMaximum())]])
