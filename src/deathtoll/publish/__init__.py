"""Publishing: exports of the stored incidents (``export``) and readable views.

The one public function is :func:`export`; :mod:`deathtoll.publish.tables`
holds the Rich renderables the CLI prints.
"""

from __future__ import annotations

from deathtoll.publish.export import CSV_COLUMNS, FORMATS, ExportStats, export, flat_incident

__all__ = ["export", "ExportStats", "FORMATS", "CSV_COLUMNS", "flat_incident"]
