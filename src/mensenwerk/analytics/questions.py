"""The short engagement survey Mensenwerk runs itself: eight statements in four themes (two
each, 1 = strongly disagree … 5 = strongly agree), the recommend question (0-10, for the eNPS)
and one open question. Written for this project. The column names are the themes with a
number, so the survey engine groups them into themes as it does an imported export."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

STATEMENTS = [
    ("Werkdruk1", _("I can do my work in the time I have.")),
    ("Werkdruk2", _("After work I have enough energy left for the rest of my life.")),
    ("Leiding1", _("My manager listens to what I have to say.")),
    ("Leiding2", _("I know what is expected of me.")),
    ("Ontwikkeling1", _("I can learn and grow here.")),
    ("Ontwikkeling2", _("In the past year someone talked with me about my development.")),
    ("Samenwerking1", _("My colleagues help each other.")),
    ("Samenwerking2", _("Other departments and mine work well together.")),
]
DEPARTMENT, RECOMMEND, COMMENT = "Afdeling", "Aanbevelen", "Opmerking"
HEADERS = [DEPARTMENT, *(name for name, _text in STATEMENTS), RECOMMEND, COMMENT]
MAPPING = {
    "department": DEPARTMENT,
    "team": "",
    "enps": RECOMMEND,
    "comments": COMMENT,
    "items": [name for name, _text in STATEMENTS],
}
