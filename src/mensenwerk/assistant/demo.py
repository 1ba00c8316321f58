"""Demo knowledge base: the personeelsgids (Dutch), its English summary and a managers-only
guide, indexed at once; the assistant activated (its English notice written, which the
governance demo left out to show the gate) and three months of questions for the gaps page."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from mensenwerk.assistant import search, services
from mensenwerk.assistant.models import (
    DocumentVersion,
    Escalation,
    KnowledgeDocument,
    Passage,
    Question,
)
from mensenwerk.core.models import User
from mensenwerk.governance import services as trust
from mensenwerk.governance.history import Step, Timeline
from mensenwerk.governance.models import AIApplication

DATA = Path(__file__).resolve().parent / "demo_data"
MANAGER_GUIDE = """# Verzuimgesprekken voeren

## Het eerste contact

Bel een zieke medewerker op de eerste of tweede ziektedag terug. Vraag hoe het gaat, wanneer hij
of zij verwacht terug te komen en of er werk is dat blijft liggen. Vraag niet naar de ziekte of
de diagnose: dat is aan de bedrijfsarts.

## Frequent verzuim

Meldt een medewerker zich drie keer of vaker in twaalf maanden ziek, dan nodig je hem of haar
uit voor een verzuimgesprek. Bespreek wat je ziet, vraag wat er speelt en of het werk of de
werkplek een rol speelt. Leg afspraken vast in het personeelsportaal en meld de medewerker
zo nodig aan voor het spreekuur van de bedrijfsarts.
"""
NOTICE_EN = (
    "You are talking to an AI assistant. Its answers come from your employer's HR documents, "
    "with the source. When it is not sure, it refers you to HR."
)
QUESTIONS = [
    ("Hoeveel vakantiedagen krijg ik?", True),
    ("Wanneer wordt het vakantiegeld uitbetaald?", True),
    ("Hoe meld ik me ziek?", True),
    ("Waar vind ik mijn loonstrook?", True),
    ("Mag ik thuiswerken?", True),
    ("Hoeveel thuiswerkvergoeding krijg ik?", True),
    ("Hoe declareer ik parkeerkosten?", None),
    ("Hoeveel opleidingsbudget heb ik?", True),
    ("Wat is de opzegtermijn?", None),
    ("How many holiday days do I get?", True),
    ("Where do I find my payslip?", True),
    ("Krijg ik een vergoeding voor mijn fiets?", None),
    ("Is er een fietsplan of fietsregeling?", None),
    ("Kan ik een leaseauto krijgen?", None),
    ("Mag ik mijn hond meenemen naar het werk?", None),
    ("Hoeveel vakantiedagen heb ik nog?", None),
    ("Wat is mijn salaris?", None),
    ("Krijg ik een reiskostenvergoeding als ik met de fiets kom?", False),
    ("Hoe werkt de pensioenregeling?", None),
    ("Hoe vraag ik ouderschapsverlof aan?", True),
]


def load_assistant_demo(timeline: Timeline | None = None) -> None:
    """The handbook and three months of questions. With a dated ``timeline`` the documents
    are indexed and the assistant switched on 95 days ago, and each question is recorded at
    the time it was asked."""
    own = timeline is None
    timeline = timeline or Timeline()
    now = timezone.now()
    timeline.add(now - timedelta(days=95), _setup)
    if not Question.objects.exists():
        _questions(timeline, now)
    if own:
        with transaction.atomic():
            timeline.run()


def _setup(at: datetime) -> None:
    hr = User.objects.get(username="hr")
    if not KnowledgeDocument.objects.exists():
        documents = [
            (
                "Personeelsgids",
                "everyone",
                "nl",
                (DATA / "personeelsgids.md").read_bytes(),
                "personeelsgids.md",
                date(2027, 1, 1),
            ),
            (
                "Employee handbook: summary in English",
                "everyone",
                "en",
                (DATA / "employee-handbook-summary.md").read_bytes(),
                "employee-handbook-summary.md",
                date(2026, 6, 1),
            ),  # past review: the warning
            (
                "Werken bij Van der Molen (voor sollicitanten)",
                "public",
                "nl",
                (DATA / "werken-bij.md").read_bytes(),
                "werken-bij.md",
                date(2027, 1, 1),
            ),
            (
                "Verzuimgesprekken voeren (leidinggevenden)",
                "managers",
                "nl",
                MANAGER_GUIDE.encode(),
                "verzuimgesprekken.md",
                date(2027, 6, 1),
            ),
        ]
        for title, audience, language, data, name, review in documents:
            doc = KnowledgeDocument.objects.create(
                title=title, audience=audience, language=language, owner=hr, review_date=review
            )
            version = DocumentVersion.objects.create(
                document=doc,
                number=1,
                filename=name,
                content=data,
                sha256="",
                effective_date=date(2026, 1, 1),
                uploaded_by=hr,
            )
            services.index_version(version)
        if search.dense_enabled():  # the demo shows the search by meaning (about 20 s)
            search.embed_passages(Passage.objects.filter(vector=None))
    app = AIApplication.objects.get(slug=services.APPLICATION)
    if not app.notice_en:
        app.notice_en = NOTICE_EN
        app.save(update_fields=["notice_en"])
    if not app.active:
        trust.do_activate(app, hr)


def _questions(timeline: Timeline, now: datetime) -> None:
    """Three rounds (months) of the same questions, fewer each month further back."""
    rng = random.Random(6)
    for round_ in range(3):
        for text, helpful in QUESTIONS:
            if rng.random() < 0.35 * round_:
                continue
            asked = now - timedelta(days=rng.randint(1 + 30 * round_, 30 + 30 * round_))
            pick, escalate = rng.random(), rng.random()
            timeline.add(asked, _ask(timeline, text, helpful, pick, escalate, round_ == 2))


def _ask(
    timeline: Timeline, text: str, helpful: bool | None, pick: float, escalate: float, reply: bool
) -> Step:
    def ask(at: datetime) -> None:
        askers = list(
            User.objects.filter(username__in=["employee", "manager", "champion", "it"]).order_by(
                "username"
            )
        )
        user = askers[int(pick * len(askers))]
        question = services.ask(user, text)
        question.asked_at = at
        if question.kind == Question.Kind.ANSWERED and helpful is not None:
            question.helpful = helpful
        question.save(update_fields=["asked_at", "helpful"])
        if question.kind != Question.Kind.ANSWERED and escalate < 0.3:
            escalation = services.do_escalate(question, user, consent=True)
            Escalation.objects.filter(pk=escalation.pk).update(created_at=at)
            if reply:
                timeline.add(at + timedelta(days=2), _reply(escalation.pk))

    return ask


def _reply(escalation_pk: int) -> Step:
    def reply(at: datetime) -> None:
        escalation = Escalation.objects.get(pk=escalation_pk)
        hr = User.objects.get(username="hr")
        services.do_reply(
            escalation, hr, "Daar hebben we geen regeling voor; bel HR gerust.", False
        )

    return reply
