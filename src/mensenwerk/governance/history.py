"""Demo history written oldest first, so the audit trail keeps its real order.

The demo shows months of use (screening, decisions, questions) so that the cockpit's measured
figures and the ROI have past months to read. Loaders add steps with the time each happened;
``run()`` performs them in time order with the trail's clock set to that time
(``services.trail_clock``), and the loaders date their own rows (``created_at``, ``asked_at``)
inside the step. A loader called without a timeline (a test loading one piece of the demo)
gets an undated one: its steps run at once, in the order added, at the real time.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from contextlib import nullcontext
from datetime import datetime

from mensenwerk.governance.trail import trail_clock

Step = Callable[[datetime], None]


class Timeline:
    def __init__(self, start: datetime | None = None) -> None:
        self.start = start  # None: undated, the trail records the real time
        self._steps: list[tuple[datetime, int, Step]] = []
        self._added = 0

    @property
    def dated(self) -> bool:
        return self.start is not None

    def add(self, when: datetime, step: Step) -> None:
        """``step(when)`` runs at ``when`` (steps at the same time keep the order added). A step
        may add later steps, such as a hire weeks after an interview."""
        heapq.heappush(self._steps, (when, self._added, step))
        self._added += 1

    def run(self) -> None:
        while self._steps:
            when, _order, step = heapq.heappop(self._steps)
            with trail_clock(when) if self.dated else nullcontext():
                step(when)
