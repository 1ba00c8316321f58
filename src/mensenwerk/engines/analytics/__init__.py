"""People analytics (issue 21): engagement surveys at group level with anonymity rules,
retention risk with explanations, and time to leaving — plain Python over scikit-learn and
statsmodels, no Django.

Parts: ``columns`` (a CSV/XLSX table as typed columns), ``survey`` (scores, eNPS, smallest
group and differencing rules), ``attrition`` (cross-validated, calibrated retention model with
per-person factors), ``survival`` (Cox model, concordance, hazard ratios). Each raises
``AnalyticsError`` with a code and an English sentence the CLI prints and the app translates.
"""

from __future__ import annotations

ENGINE = "people-analytics"
VERSION = "1"


class AnalyticsError(ValueError):
    """Input that cannot be analysed: ``code`` for the app, ``str()`` for the CLI."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)
