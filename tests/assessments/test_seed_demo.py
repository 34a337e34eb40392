from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from assessments.management.demo_data import DEMO_FRAMEWORKS
from assessments.models import (
    Answer,
    Cohort,
    Partner,
    Partnership,
    Response,
    ResponseStatus,
    Round,
    RoundStatus,
)
from assessments.reports.benchmark import BENCHMARK_MINIMUM, cohort_benchmarks


def _seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def frameworks(db):
    call_command("load_frameworks", stdout=StringIO())


def _counts():
    return [m.objects.count() for m in (Partnership, Partner, Round, Response, Answer)]


def _sign_in_request():
    # django-axes checks every sign-in against the request it came from.
    return RequestFactory().post("/sign-in/")


def test_refuses_without_frameworks(db):
    with pytest.raises(CommandError, match="load_frameworks"):
        _seed()


def test_demo_data_has_every_role_and_real_content(frameworks):
    output = _seed("--password", "demo-password-1")
    User = get_user_model()
    for username in ("manager", "facilitator", "respondent", "admin"):
        user = authenticate(_sign_in_request(), username=username, password="demo-password-1")
        assert user is not None
    assert User.objects.get(username="admin").is_staff

    assert Partnership.objects.count() == 6
    pcn = Partnership.objects.get(name="Riverside Primary Care Network")
    assert pcn.partners.filter(organisation_type="gp_practice").count() == 6
    assert pcn.partners.filter(organisation_type="community_trust").exists()
    assert pcn.partners.filter(organisation_type="vcse").exists()
    for partnership in Partnership.objects.all():
        statuses = sorted(partnership.rounds.values_list("status", flat=True))
        assert statuses == [RoundStatus.CLOSED, RoundStatus.CLOSED, RoundStatus.OPEN]
        for closed in partnership.rounds.filter(status=RoundStatus.CLOSED):
            assert closed.responses.count() > 0
            assert not closed.responses.exclude(status=ResponseStatus.SUBMITTED).exists()
        assert partnership.actions.count() == 3
        # Closed rounds ran on the first edition; the open round uses the second.
        for round_ in partnership.rounds.all():
            versions = set(round_.responses.values_list("framework__version", flat=True))
            expected = {1} if round_.status == RoundStatus.CLOSED else {2}
            assert versions == expected, round_.title
            assert set(round_.frameworks.values_list("version", flat=True)) == expected
    assert "created: Riverside Primary Care Network" in output


def test_the_demo_cohort_is_big_enough_for_a_benchmark(frameworks):
    # A newcomer signing in as the facilitator sees a benchmark for every demo framework:
    # at least BENCHMARK_MINIMUM partnerships each with a result that passed disclosure control.
    _seed()
    cohort = Cohort.objects.get()
    assert cohort.partnerships.count() >= 6
    benchmarks = cohort_benchmarks([cohort.pk])[cohort.pk]
    assert {b.slug for b in benchmarks} == set(DEMO_FRAMEWORKS)
    for benchmark in benchmarks:
        assert benchmark.with_results >= BENCHMARK_MINIMUM
        assert benchmark.overall is not None and benchmark.overall.count >= BENCHMARK_MINIMUM
    # Every seeded closed round has at least its threshold of responses per framework.
    for round_ in Round.objects.filter(status=RoundStatus.CLOSED):
        for framework in round_.frameworks.all():
            submitted = round_.responses.filter(
                framework=framework, status=ResponseStatus.SUBMITTED
            ).count()
            assert submitted >= round_.anonymity_threshold


def test_running_again_changes_nothing_and_keeps_passwords(frameworks):
    first = _seed()
    counts = _counts()
    second = _seed()
    assert _counts() == counts
    assert "password" in first and "password unchanged" in second
    password = next(
        line.split("password ")[1]
        for line in first.splitlines()
        if line.startswith("demo user manager")
    )
    assert authenticate(_sign_in_request(), username="manager", password=password) is not None


def test_the_passwords_are_said_again_after_everything_else(frameworks):
    """The demo's emails go to the console before the seed finishes; the passwords come last
    so they are on screen when the server starts."""
    first = _seed()
    lines = first.rstrip("\n").splitlines()
    heading = lines.index("Sign in with these demo users:")
    summary = {line.split()[0]: line.split("password ")[1] for line in lines[heading + 1 :]}
    assert list(summary) == ["manager", "facilitator", "respondent", "admin"]
    for username, password in summary.items():
        request = _sign_in_request()
        assert authenticate(request, username=username, password=password) is not None
    second = _seed()
    assert "Sign in with these demo users:" not in second
    assert second.rstrip("\n").splitlines()[-1].startswith("The demo users were already there")
