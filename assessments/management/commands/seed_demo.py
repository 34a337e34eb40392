"""Demo users, partnerships, rounds and responses so every page has real content."""

import random
import secrets
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from assessments import icbs, services
from assessments.management.demo_data import (
    COHORT,
    COMMENTS,
    DEMO_CHANGE,
    DEMO_FRAMEWORKS,
    ORGANISATION_ROLES,
    PARTNERSHIPS,
    REFLECTIONS,
)
from assessments.models import (
    ActionStatus,
    Cohort,
    Partnership,
    PartnershipKind,
    RespondentRole,
    Round,
    RoundStatus,
)
from frameworks.models import Framework, Item, ResponseType
from partnership_site.roles import PartnershipRole


class Command(BaseCommand):
    help = (
        "Create demo users (manager, facilitator, respondent, admin), six partnerships with "
        "a closed round full of submitted responses and an open round. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help="Password for every demo user. Without it, new users get a generated "
            "password that is printed once; existing users keep theirs.",
        )

    def handle(self, *args, password=None, **options):
        frameworks = self.editions()
        self._signed_in = []
        with transaction.atomic():
            users = self._users(password)
            for spec in PARTNERSHIPS:
                if Partnership.objects.filter(name=spec[0]).exists():
                    self.stdout.write(f"left alone: {spec[0]} (already there)")
                    continue
                self._partnership(spec, frameworks, users)
                self.stdout.write(self.style.SUCCESS(f"created: {spec[0]}"))
            self._cohort(users["facilitator"])
        # Said again at the end: the demo's invitation emails (printed by the console email
        # backend) would otherwise scroll the passwords out of sight.
        self.stdout.write("")
        if any(shown for _, shown in self._signed_in):
            self.stdout.write(self.style.SUCCESS("Sign in with these demo users:"))
            for username, shown in self._signed_in:
                self.stdout.write(f"  {username:<12} password {shown or '(unchanged)'}")
        else:
            self.stdout.write(
                "The demo users were already there and keep their passwords (printed when "
                "they were created); `manage.py seed_demo --password NEW` sets a new one."
            )

    def editions(self) -> tuple[list, list]:
        """The demo frameworks' first edition (for the closed rounds) and current one (for
        the open round), as a partnership using the app since before the second edition
        would have them. Raises CommandError if the library is not loaded."""
        return (
            self._frameworks(Framework.objects.published().filter(version=1)),
            self._frameworks(Framework.objects.latest_published()),
        )

    def _frameworks(self, queryset) -> list:
        chosen = list(queryset.library().filter(slug__in=DEMO_FRAMEWORKS))
        if len(chosen) != len(DEMO_FRAMEWORKS):
            raise CommandError("Load the framework library first: manage.py load_frameworks")
        return sorted(chosen, key=lambda f: DEMO_FRAMEWORKS.index(f.slug))

    def _cohort(self, facilitator):
        """The demo partnerships in one cohort with the demo facilitator; adds only what is
        missing, so running again changes nothing."""
        name, region, description = COHORT
        cohort, created = Cohort.objects.get_or_create(
            name=name, defaults={"region": region, "description": description}
        )
        cohort.partnerships.add(*Partnership.objects.filter(name__in=[p[0] for p in PARTNERSHIPS]))
        cohort.facilitators.add(facilitator)
        self.stdout.write(
            self.style.SUCCESS(f"created cohort: {name}") if created else f"left alone: {name}"
        )

    def _users(self, password):
        User = get_user_model()
        users = {}
        for username, first, last, is_staff in [
            ("manager", "Maya", "Patel", False),
            ("facilitator", "Femi", "Adeyemi", False),
            ("respondent", "Rob", "Jones", False),
            ("admin", "Alex", "Morgan", True),
        ]:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.nhs.uk",
                    "is_staff": is_staff,
                    "is_superuser": is_staff,
                },
            )
            if created or password:
                chosen = password or secrets.token_urlsafe(9)
                user.set_password(chosen)
                user.save()
                shown = chosen if not password else "(as given)"
                self.stdout.write(self.style.SUCCESS(f"demo user {username}: password {shown}"))
            else:
                shown = None
                self.stdout.write(f"demo user {username}: already there, password unchanged")
            self._signed_in.append((username, shown))
            users[username] = user
        return users

    def _partnership(self, spec, editions, users):
        """Two closed rounds on ``editions[0]`` (version 1) and an open one on ``editions[1]``."""
        first_edition, current = editions
        frameworks = first_edition
        name, kind, population, region, partner_specs = spec
        rng = random.Random(name)
        partnership = services.create_partnership(
            actor=users["manager"],
            name=name,
            kind=kind,
            population=population,
            icb=icbs.match(region) or "",
            region=region,
        )
        manager = users["manager"]
        services.add_member(
            actor=manager,
            partnership=partnership,
            user=users["facilitator"],
            role=PartnershipRole.FACILITATOR,
        )
        partners = [
            (
                services.add_partner(
                    actor=manager,
                    partnership=partnership,
                    name=p_name,
                    organisation_type=p_type,
                    ods_code=ods,
                    people_invited=respondents + 2,
                ),
                respondents,
                leaning,
            )
            for p_name, p_type, ods, respondents, leaning in partner_specs
        ]
        first_partner = partners[0][0]
        services.add_member(
            actor=manager,
            partnership=partnership,
            user=users["manager"],
            role=PartnershipRole.MANAGER,
            partner=first_partner,
        )
        is_pcn = kind == PartnershipKind.PCN
        # The demo respondent belongs to the first partnership only.
        if name == PARTNERSHIPS[0][0]:
            services.add_member(
                actor=manager,
                partnership=partnership,
                user=users["respondent"],
                role=PartnershipRole.MEMBER,
                partner=first_partner,
            )

        today = timezone.localdate()
        closed_rounds = []
        # Two closed rounds, so reports compare with the last round and trends have a line;
        # things improve a little each time, as a partnership acting on its results would.
        for title, opened, closed_days_ago, shift in [
            ("Baseline 2025", 400, 370, -0.4),
            ("Spring review", 200, 170, 0.0),
        ]:
            # Rounds cannot be created or opened with dates in the past (issue 11): run the
            # past round today, then date it back to when it happened.
            closed = services.create_round(
                actor=manager,
                partnership=partnership,
                title=title,
                frameworks=frameworks,
                opens_on=today,
                closes_on=today,
                open_link_enabled=True,
                proposed_change=DEMO_CHANGE,
            )
            services.set_round_status(actor=manager, round_=closed, status=RoundStatus.OPEN)
            for partner, respondents, leaning in partners:
                for _ in range(respondents):
                    self._answer_as_guest(
                        rng,
                        closed,
                        frameworks,
                        partner,
                        leaning + shift,
                        submit=True,
                        # In the PCN everyone answers in their organisation's usual role, so
                        # every organisation × role cell is big enough and its report shows
                        # results by role; elsewhere roles are mixed, so disclosure control
                        # withholds them (docs/adr/0010).
                        role=ORGANISATION_ROLES.get(partner.organisation_type) if is_pcn else None,
                    )
            if name == PARTNERSHIPS[0][0]:
                for framework in frameworks:
                    self._answer_as(
                        rng, users["respondent"], closed, framework, first_partner, 0.5 + shift
                    )
            services.set_round_status(actor=manager, round_=closed, status=RoundStatus.CLOSED)
            closes_on = today - timedelta(days=closed_days_ago)
            Round.objects.filter(pk=closed.pk).update(
                opens_on=today - timedelta(days=opened),
                closes_on=closes_on,
                closed_at=timezone.make_aware(datetime.combine(closes_on, time(18))),
            )
            closed.refresh_from_db()
            closed_rounds.append(closed)

        open_round = services.create_round(
            actor=manager,
            partnership=partnership,
            title="Autumn check-in",
            frameworks=current,
            opens_on=today - timedelta(days=7),
            closes_on=today + timedelta(days=21),
            open_link_enabled=True,
            proposed_change=DEMO_CHANGE,
        )
        services.set_round_status(actor=manager, round_=open_round, status=RoundStatus.OPEN)
        # Personal links for three people at the first partner; one has answered.
        invited = services.create_personal_invitations(
            actor=manager,
            round_=open_round,
            people=[
                services.PersonInput(
                    name,
                    f"{name.split()[0].lower()}.{partnership.pk}@example.nhs.uk",
                    first_partner,
                    role,
                )  # fmt: skip
                for name, role in [
                    ("Asha Khan", RespondentRole.CLINICAL),
                    ("Ben Ogunleye", RespondentRole.LEADERSHIP),
                    ("Carys Evans", RespondentRole.OPERATIONAL),
                ]
            ],
        )
        for framework in current:
            response = services.start_personal_response(
                invitation=invited[0], framework=framework
            ).response
            self._fill(rng, response, framework, 0.5, complete=True)
            services.submit_response(actor=None, response=response)
        for partner, respondents, leaning in partners:
            for index in range(max(1, respondents - 1)):
                self._answer_as_guest(
                    rng, open_round, current, partner, leaning + 0.3, submit=index > 0
                )

        self._plan(partnership, closed_rounds, frameworks[0], users, partners, today)

    def _plan(self, partnership, closed_rounds, framework, users, partners, today):
        """After the baseline: targets, a consensus workshop and two actions; after the
        spring review, one more. The spring review's report then shows the spiral."""
        manager = users["manager"]
        baseline, spring = closed_rounds
        barriers = list(framework.dimensions.order_by("position"))
        scored = [d for d in barriers if d.items.filter(response_type=ResponseType.SCALE)]
        services.set_targets(
            actor=manager, round_=baseline, targets={d: 60 + 5 * (i % 3) for i, d in
                                                     enumerate(scored[:4])}
        )  # fmt: skip
        services.record_consensus(
            actor=users["facilitator"],
            round_=baseline,
            dimension=scored[1],
            score=45,
            rationale="Partners agreed contacts are hard to find outside the practices.",
        )
        in_pcn = partnership.memberships.filter(user=users["respondent"]).exists()
        owner = {"owner_user": users["respondent"]} if in_pcn else {"owner": "Practice managers"}
        action = services.create_action(
            actor=manager,
            partnership=partnership,
            raised_in=baseline,
            dimension=scored[1],
            partner=partners[0][0],
            title="Publish a who-to-contact directory across partner organisations",
            description="One page per organisation, kept on the shared drive.",
            due_on=today - timedelta(days=30),
            status=ActionStatus.IN_PROGRESS,
            **owner,
        )
        services.add_progress_note(
            actor=manager,
            action=action,
            written_on=today - timedelta(days=40),
            text="Five of the eight organisations have sent their contacts.",
        )
        services.create_action(
            actor=manager,
            partnership=partnership,
            raised_in=baseline,
            dimension=scored[0],
            title="Agree protected time for joint work in each practice",
            owner="Clinical director",
            due_on=today - timedelta(days=180),
            status=ActionStatus.DONE,
            completed_on=today - timedelta(days=185),
        )
        services.create_action(
            actor=manager,
            partnership=partnership,
            raised_in=spring,
            title="Hold a partners' workshop on where we disagree",
            owner="PCN manager",
            due_on=today + timedelta(days=14),
        )

    def _answer_as_guest(self, rng, round_, frameworks, partner, leaning, *, submit, role=None):
        role = role or rng.choice(RespondentRole.values)
        for framework in frameworks:
            started = services.start_response(
                actor=None,
                round_=round_,
                framework=framework,
                partner=partner,
                respondent_role=role,
            )
            self._fill(rng, started.response, framework, leaning, complete=submit)
            if submit:
                services.submit_response(actor=None, response=started.response)

    def _answer_as(self, rng, user, round_, framework, partner, leaning):
        response = services.start_response(
            actor=user, round_=round_, framework=framework, partner=partner,
            respondent_role=RespondentRole.CLINICAL,
        )  # fmt: skip
        self._fill(rng, response, framework, leaning, complete=True, actor=user)
        services.submit_response(actor=user, response=response)

    def _items(self, framework):
        cache = self.__dict__.setdefault("_items_by_framework", {})
        if framework.pk not in cache:
            cache[framework.pk] = list(
                Item.objects.filter(dimension__framework=framework).order_by(
                    "dimension__position", "position"
                )
            )
        return cache[framework.pk]

    def _fill(self, rng, response, framework, leaning, *, complete, actor=None):
        answers = {}
        middle = (framework.scale_min + framework.scale_max) / 2
        items = self._items(framework)
        if not complete:
            items = items[: len(items) // 2]
        for position, item in enumerate(items):
            if item.response_type == ResponseType.TEXT:
                answers[item.pk] = services.AnswerInput(text=rng.choice(REFLECTIONS))
                continue
            if item.allows_not_applicable and rng.random() < 0.04:
                answers[item.pk] = services.AnswerInput(value=None)
                continue
            # Agreement with positive statements rises with a partner's leaning; presence of
            # barriers falls with it. Dimensions differ a little so reports have a shape.
            direction = -1 if item.reverse_scored else 1
            centre = middle + direction * (leaning + 0.4 + ((position % 5) - 2) * 0.25)
            value = round(rng.gauss(centre, 0.9))
            value = min(framework.scale_max, max(framework.scale_min, value))
            comment = rng.choice(COMMENTS) if rng.random() < 0.06 else ""
            answers[item.pk] = services.AnswerInput(value=value, comment=comment)
        services.save_answers(actor=actor, response=response, answers=answers)
