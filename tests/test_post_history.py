"""The Redactor's history (issue 15): the calendar's week and month of scheduled and published
posts per account (only the accounts the person may see, in México City's days), clicking a post
opens it in the Redactor, and the published posts listed with their links."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QThreadPool

from redes_desktop.actions.post_calendar import calendar_posts, published_posts, viewable_accounts
from redes_desktop.calendar_grid import MONTH, WEEK, month_weeks, period_bounds, title
from redes_desktop.context import AppContext
from redes_desktop.errors import PermissionDenied
from redes_desktop.models import Network, Post, PostStatus
from redes_desktop.secrets_store import SecretStore
from redes_desktop.services.activity import MemoryRecorder, NullRecorder
from redes_desktop.services.directory import Directory
from redes_desktop.ui.composer import published_view
from redes_desktop.ui.composer.composer_view import ComposerSection
from redes_desktop.workspace import open_workspace
from tests.composer_support import opened, ready, saved
from tests.composer_world import engine  # noqa: F401 - fixture
from tests.factories import make_office, make_reviewer

# The clock fixture: Tuesday 10 March 2026, 12:00 in México City. Its week: 9 to 15 March.
UTC_ = UTC


def _post(session, office, text, status=PostStatus.BORRADOR, scheduled=None, published=None,
          url=None):
    post = Post(account_id=office.account.id, network=Network.X, author_id=office.titular.id,
                text=text, status=status, scheduled_at=scheduled, published_at=published,
                published_url=url)
    session.add(post)
    session.flush()
    return post.id


@pytest.fixture
def world(data_dir, clock):
    workspace = open_workspace(data_dir, clock=clock)
    database = workspace.open_database()
    with database.session() as session:
        directory = Directory(session, clock, NullRecorder())
        jalisco = make_office(directory)
        sonora = make_office(directory, name="Junta Local Ejecutiva en Sonora", state="Sonora",
                             handle="@JLE_SonoraINE", slug="son")
        reviewer = make_reviewer(directory)
        ids = {
            "wednesday": _post(session, jalisco, "Simulacro del miércoles",
                               scheduled=datetime(2026, 3, 11, 16, 30, tzinfo=UTC_)),
            "monday": _post(session, jalisco, "Publicada el lunes", PostStatus.PUBLICADA,
                            scheduled=datetime(2026, 3, 9, 14, 0, tzinfo=UTC_),
                            published=datetime(2026, 3, 9, 15, 0, tzinfo=UTC_),
                            url="https://x.com/JLE_JaliscoINE/status/1"),
            "older": _post(session, jalisco, "Publicada en febrero", PostStatus.PUBLICADA,
                           published=datetime(2026, 2, 20, 18, 0, tzinfo=UTC_),
                           url="https://x.com/JLE_JaliscoINE/status/0"),
            # Sunday 23:30 in México City is already Monday in UTC: still this week.
            "sunday_night": _post(session, jalisco, "Domingo en la noche",
                                  scheduled=datetime(2026, 3, 16, 5, 30, tzinfo=UTC_)),
            "next_week": _post(session, jalisco, "Miércoles siguiente",
                               scheduled=datetime(2026, 3, 18, 17, 0, tzinfo=UTC_)),
            "discarded": _post(session, jalisco, "Descartada", PostStatus.DESCARTADA,
                               scheduled=datetime(2026, 3, 12, 17, 0, tzinfo=UTC_)),
            "sonora": _post(session, sonora, "De Sonora",
                            scheduled=datetime(2026, 3, 12, 17, 0, tzinfo=UTC_)),
            "sonora_published": _post(session, sonora, "Sonora publicó", PostStatus.PUBLICADA,
                                      published=datetime(2026, 3, 10, 16, 0, tzinfo=UTC_),
                                      url="https://x.com/INESonora/status/9"),
        }
        session.commit()
        people = {"titular": jalisco.titular.id, "reviewer": reviewer.id,
                  "jalisco": jalisco.account.id, "sonora": sonora.account.id}
    ctx = AppContext(workspace=workspace, database=database, clock=clock,
                     secrets=SecretStore(), recorder=MemoryRecorder())
    ctx.posts, ctx.people = ids, people
    ctx.choose_identity(people["titular"])
    yield ctx
    QThreadPool.globalInstance().waitForDone()
    workspace.close()


def _ids(ctx, posts) -> set[str]:
    names = {v: k for k, v in ctx.posts.items()}
    return {names[p.id] for p in posts}


# -- the days shown -----------------------------------------------------------------------------
def test_week_and_month_grids_in_mexico_city_days():
    start, end = period_bounds(WEEK, date(2026, 3, 10))
    assert (start, end) == (datetime(2026, 3, 9, 6, tzinfo=UTC), datetime(2026, 3, 16, 6,
                                                                           tzinfo=UTC))
    weeks = month_weeks(date(2026, 3, 10))
    assert weeks[0][0] == date(2026, 2, 23) and weeks[-1][-1] == date(2026, 4, 5)
    assert all(len(w) == 7 for w in weeks) and len(weeks) == 6
    assert title(MONTH, date(2026, 3, 10)) == "marzo de 2026"
    assert title(WEEK, date(2026, 3, 10)) == "del 9 al 15 de marzo de 2026"


# -- the actions --------------------------------------------------------------------------------
def test_calendar_posts_of_a_week_and_a_month_for_the_accounts_one_may_see(world, clock):
    titular = world.people["titular"]
    week = period_bounds(WEEK, date(2026, 3, 10))
    found = calendar_posts(world.database, clock=clock, person_id=titular, start=week[0],
                           end=week[1])
    assert _ids(world, found) == {"wednesday", "monday", "sunday_night"}
    assert [p.kind for p in found] == ["publicada", "programada", "programada"]
    month = period_bounds(MONTH, date(2026, 3, 10))
    found = calendar_posts(world.database, clock=clock, person_id=titular, start=month[0],
                           end=month[1])
    # March's grid runs from Monday 23 February to Sunday 5 April: not the 20th of February.
    assert _ids(world, found) == {"wednesday", "monday", "sunday_night", "next_week"}
    # Another area's account: not listed, and refused when asked for by id (5.1).
    assert [a.handle for a in viewable_accounts(world.database, clock=clock,
                                                person_id=titular)] == ["@JLE_JaliscoINE"]
    with pytest.raises(PermissionDenied, match="5.1"):
        calendar_posts(world.database, clock=clock, person_id=titular, start=week[0],
                       end=week[1], account_id=world.people["sonora"])
    # A CNCS reviewer sees every account, and may narrow to one.
    reviewer = world.people["reviewer"]
    found = calendar_posts(world.database, clock=clock, person_id=reviewer, start=week[0],
                           end=week[1], account_id=world.people["sonora"])
    assert _ids(world, found) == {"sonora", "sonora_published"}


def test_published_posts_newest_first_with_links(world, clock):
    rows = published_posts(world.database, clock=clock, person_id=world.people["titular"])
    assert [(r.text, r.url) for r in rows] == [
        ("Publicada el lunes", "https://x.com/JLE_JaliscoINE/status/1"),
        ("Publicada en febrero", "https://x.com/JLE_JaliscoINE/status/0")]
    rows = published_posts(world.database, clock=clock, person_id=world.people["reviewer"],
                           account_id=world.people["sonora"])
    assert [r.url for r in rows] == ["https://x.com/INESonora/status/9"]


def test_answers_given_from_the_buzon_stay_out_of_the_calendar_and_published(world, clock):
    from redes_desktop.models.inbox import InboxItem, InboxState, inbox_item_id

    account = world.people["jalisco"]
    monday = datetime(2026, 3, 9, 16, 0, tzinfo=UTC_)
    with world.database.session() as session:
        answer = Post(account_id=account, network=Network.X, text="Hola, Ana: en ine.mx",
                      is_reply=True, status=PostStatus.PUBLICADA, published_at=monday,
                      published_url="https://x.com/messages/1-2")
        session.add(answer)
        session.flush()
        session.add(InboxItem(id=inbox_item_id(account, "dm1"), account_id=account,
                              network=Network.X, remote_id="dm1", kind="mensaje_directo",
                              text="¿dónde?", received_at=monday, state=InboxState.RESPONDIDO,
                              reply_post_id=answer.id, tags=[], reply_url="",
                              escalation_note=""))
        session.commit()
    week = calendar_posts(world.database, clock=clock, person_id=world.people["titular"],
                          start=datetime(2026, 3, 9, 6, tzinfo=UTC_),
                          end=datetime(2026, 3, 16, 6, tzinfo=UTC_))
    published = published_posts(world.database, clock=clock,
                                person_id=world.people["titular"])
    assert "Hola, Ana: en ine.mx" not in {p.text for p in week}
    assert "Hola, Ana: en ine.mx" not in {r.text for r in published}
    assert "Publicada el lunes" in {p.text for p in week}


# -- the Redactor's tabs ------------------------------------------------------------------------
@pytest.fixture
def view(qtbot, world, engine):  # noqa: F811 - the fixture imported above
    section = ComposerSection(world, engine_factory=lambda: engine)
    qtbot.addWidget(section)
    section.resize(1100, 700)
    section.show()
    ready(qtbot, section)
    yield section
    section.save_now()
    QThreadPool.globalInstance().waitForDone()


def _items(cell) -> list[str]:
    return [cell.posts.item(i).text() for i in range(cell.posts.count())]


def test_calendar_week_and_month_views_show_the_right_posts(qtbot, world, view):
    calendar = view.calendar
    view.show_history(calendar)
    qtbot.waitUntil(lambda: calendar.loaded and calendar.account_combo.count() == 2,
                    timeout=10_000)
    assert calendar.account_combo.itemText(1).startswith("@JLE_JaliscoINE")  # not Sonora
    assert calendar.title.text() == "Semana del 9 al 15 de marzo de 2026"
    assert _items(calendar.cell_of(date(2026, 3, 11))) == [
        "10:30 @JLE_JaliscoINE · Simulacro del miércoles"]
    assert _items(calendar.cell_of(date(2026, 3, 9))) == [
        "09:00 @JLE_JaliscoINE · Publicada el lunes"]
    assert _items(calendar.cell_of(date(2026, 3, 15))) == [
        "23:30 @JLE_JaliscoINE · Domingo en la noche"]
    assert calendar.cell_of(date(2026, 3, 18)) is None  # next week is not shown
    assert _items(calendar.cell_of(date(2026, 3, 12))) == []  # discarded and Sonora's: not

    calendar.month_button.click()
    qtbot.waitUntil(lambda: calendar.loaded, timeout=10_000)
    assert calendar.title.text() == "Marzo de 2026"
    assert _items(calendar.cell_of(date(2026, 3, 18))) == [
        "11:00 @JLE_JaliscoINE · Miércoles siguiente"]
    assert calendar.cell_of(date(2026, 2, 20)) is None  # before March's first week
    calendar.step(-1)
    qtbot.waitUntil(lambda: calendar.loaded, timeout=10_000)
    assert _items(calendar.cell_of(date(2026, 2, 20))) == [
        "12:00 @JLE_JaliscoINE · Publicada en febrero"]


def test_clicking_a_post_in_the_calendar_opens_it_in_the_redactor(qtbot, world, view):
    calendar = view.calendar
    view.show_history(calendar)
    qtbot.waitUntil(lambda: calendar.loaded and calendar.account_combo.count() == 2,
                    timeout=10_000)
    item = calendar.cell_of(date(2026, 3, 11)).posts.item(0)
    calendar.cell_of(date(2026, 3, 11)).posts.itemClicked.emit(item)
    assert view.tabs.currentIndex() == 0
    qtbot.waitUntil(lambda: view.post_id == world.posts["wednesday"], timeout=5000)
    assert view.editor.toPlainText() == "Simulacro del miércoles"
    assert view.schedule.enabled_box.isChecked() and not view.editor.isReadOnly()
    # A published one opens to be read.
    view.show_history(calendar)
    qtbot.waitUntil(lambda: calendar.loaded, timeout=10_000)
    monday = calendar.cell_of(date(2026, 3, 9)).posts
    monday.itemClicked.emit(monday.item(0))
    qtbot.waitUntil(lambda: view.editor.toPlainText() == "Publicada el lunes", timeout=5000)
    assert view.editor.isReadOnly() and "solo lectura" in view.save_label.text()
    view.new_action.trigger()
    qtbot.waitUntil(lambda: not view.editor.isReadOnly(), timeout=5000)


def test_published_list_shows_links_that_open_in_the_browser(qtbot, world, view, monkeypatch):
    opened = []
    monkeypatch.setattr(published_view, "open_in_browser", lambda url: opened.append(url) or True)
    listing = view.published
    view.show_history(listing)
    qtbot.waitUntil(lambda: listing.loaded and listing.account_combo.count() == 2,
                    timeout=10_000)
    table = listing.table
    assert table.rowCount() == 2
    assert [table.item(r, 3).text() for r in range(2)] == [
        "https://x.com/JLE_JaliscoINE/status/1", "https://x.com/JLE_JaliscoINE/status/0"]
    assert table.item(0, 0).text() == "09/03/2026 09:00"  # México City's time
    table.cellClicked.emit(1, 3)
    assert opened == ["https://x.com/JLE_JaliscoINE/status/0"]
    table.setCurrentCell(0, 2)
    listing.open_link_button.click()
    assert opened[-1] == "https://x.com/JLE_JaliscoINE/status/1"
    listing.open_post_button.click()
    assert view.tabs.currentIndex() == 0
    qtbot.waitUntil(lambda: view.editor.toPlainText() == "Publicada el lunes", timeout=5000)


def test_a_reviewer_filters_the_published_list_by_account(qtbot, world, engine):  # noqa: F811
    world.choose_identity(world.people["reviewer"])
    section = ready(qtbot, ComposerSection(world, engine_factory=lambda: engine))
    qtbot.addWidget(section)
    listing = section.published
    section.show_history(listing)
    qtbot.waitUntil(lambda: listing.loaded and listing.account_combo.count() == 3,
                    timeout=10_000)
    assert listing.table.rowCount() == 3
    combo = listing.account_combo
    combo.setCurrentIndex(next(i for i in range(combo.count())
                               if combo.itemData(i) == world.people["sonora"]))
    listing.account_combo.activated.emit(listing.account_combo.currentIndex())
    qtbot.waitUntil(lambda: listing.loaded, timeout=10_000)
    assert [listing.table.item(r, 3).text() for r in range(listing.table.rowCount())] == [
        "https://x.com/INESonora/status/9"]
    QThreadPool.globalInstance().waitForDone()


def test_a_reviewer_reads_a_post_of_an_account_they_do_not_write_in(qtbot, world,
                                                                     engine):  # noqa: F811
    world.choose_identity(world.people["reviewer"])
    section = ready(qtbot, ComposerSection(world, engine_factory=lambda: engine))
    qtbot.addWidget(section)
    calendar = section.calendar
    section.show_history(calendar)
    qtbot.waitUntil(lambda: calendar.loaded and calendar.account_combo.count() == 3,
                    timeout=10_000)
    thursday = calendar.cell_of(date(2026, 3, 12)).posts
    assert thursday.count() == 1  # Sonora's; the discarded one is not shown
    thursday.itemClicked.emit(thursday.item(0))
    assert section.tabs.currentWidget() is calendar  # the editor is not for a reviewer
    box = section.history_box
    assert box is not None and box.isVisible()
    assert box.text() == "@JLE_SonoraINE, 12/03/2026 11:00"
    assert box.informativeText() == "De Sonora" and "5.1" in box.detailedText()
    box.close()
    QThreadPool.globalInstance().waitForDone()


def test_visible_accounts_gives_the_same_answer_as_the_rule_one_by_one(world, clock):
    from datetime import timedelta

    from redes_desktop.models import Account, AccountAdministrator, AdminKind, Person
    from redes_desktop.services.permissions import Action, Permissions

    with world.database.session() as session:
        # An ended designation (yesterday) on Sonora's account: no longer seen through it.
        today = Permissions(session, clock).today()
        session.add(AccountAdministrator(
            account_id=world.people["sonora"], person_id=world.people["titular"],
            kind=AdminKind.SUPLENTE, since=today - timedelta(days=30),
            until=today - timedelta(days=1)))
        session.flush()
        permissions = Permissions(session, clock)
        accounts = list(session.query(Account).all())
        for person in session.query(Person).all():
            expected = [a.id for a in accounts
                        if permissions.check(person, Action.VIEW_ACCOUNT, account=a)]
            assert [a.id for a in permissions.visible_accounts(person, accounts)] == expected
        session.rollback()


def test_choosing_another_account_leaves_a_published_post_as_it_was(qtbot, world,
                                                                    engine):  # noqa: F811
    from redes_desktop.models import Account, AccountStatus, Person

    with world.database.session() as session:
        directory = Directory(session, world.clock, NullRecorder())
        jalisco = session.get(Account, world.people["jalisco"])
        titular = session.get(Person, world.people["titular"])
        suplente = session.query(Person).filter(Person.email == "suplente.jal@ine.mx").one()
        facebook = directory.create_account(
            area=jalisco.area, network=Network.FACEBOOK, name="INE Jalisco",
            handle="@INEJalisco", email="facebook.jal@ine.mx", status=AccountStatus.ACTIVA,
            official=True)
        directory.designate_administrators(facebook, titular, suplente)
        session.commit()
    section = ready(qtbot, ComposerSection(world, engine_factory=lambda: engine))
    qtbot.addWidget(section)
    assert opened(qtbot, section, world.posts["monday"]) and section.editor.isReadOnly()
    other = next(i for i, a in enumerate(section.accounts) if a.handle == "@INEJalisco")
    section.account_combo.setCurrentIndex(other)
    assert section.post_id is None and section.editor.toPlainText() == ""
    assert not section.editor.isReadOnly()
    saved(qtbot, section)
    with world.database.session() as session:
        texts = [p.text for p in session.query(Post).filter(Post.account_id == facebook.id)]
    assert texts == []  # the published text was not copied into a draft of the other account
    QThreadPool.globalInstance().waitForDone()
