"""The Redactor's «Calendario» (issue 15): the scheduled and published posts of a week or a month,
per account (only the accounts the person may see, 5.1), in México City's time. Clicking a post
opens it in the Redactor (`open_post`). The days shown and their bounds come from
`redes_desktop.calendar_grid`; the posts are read off the UI thread (`Reads`)."""

from __future__ import annotations

import uuid
from datetime import date

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QThreadPool, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from redes_desktop import calendar_grid as grid
from redes_desktop.actions.post_calendar import PUBLISHED, CalendarPost, ViewableAccount
from redes_desktop.clock import to_mexico
from redes_desktop.ui.composer.account_filter import fill_account_filter
from redes_desktop.ui.composer.store import ComposerStore
from redes_desktop.ui.fit import compact_combo
from redes_desktop.ui.tasks import Reads, SynchronousPool

POST_ID = Qt.ItemDataRole.UserRole
SCHEDULED_COLOUR = QColor("#1565c0")
PUBLISHED_COLOUR = QColor("#2e7d32")


def weekday_names() -> list[str]:
    translate = QCoreApplication.translate
    return [translate("CalendarView", "Lun"), translate("CalendarView", "Mar"),
            translate("CalendarView", "Mié"), translate("CalendarView", "Jue"),
            translate("CalendarView", "Vie"), translate("CalendarView", "Sáb"),
            translate("CalendarView", "Dom")]


class DayCell(QFrame):
    """One day: its number and the list of its posts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.day: date | None = None
        self.header = QLabel()
        self.posts = QListWidget()
        self.posts.setMinimumHeight(24)
        self.posts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.posts.setWordWrap(True)
        self.posts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(1)
        layout.addWidget(self.header)
        layout.addWidget(self.posts, 1)
        self.setMinimumSize(60, 40)

    def show_day(self, day: date, label: str, *, today: bool, outside: bool) -> None:
        self.day = day
        self.header.setText(label)
        weight = "bold" if today else "normal"
        colour = "#9e9e9e" if outside else "palette(text)"
        self.header.setStyleSheet(f"font-weight: {weight}; color: {colour};")
        self.posts.clear()

    def add_post(self, post: CalendarPost) -> QListWidgetItem:
        local = to_mexico(post.when)
        published = post.kind == PUBLISHED
        mark = (QCoreApplication.translate("CalendarView", "Publicada") if published
                else QCoreApplication.translate("CalendarView", "Programada"))
        item = QListWidgetItem(f"{local:%H:%M} {post.handle} · {post.snippet}")
        item.setData(POST_ID, post.id)
        item.setForeground(QBrush(PUBLISHED_COLOUR if published else SCHEDULED_COLOUR))
        tooltip = QCoreApplication.translate("CalendarView", "%s (%s), %s — %s\n\n%s") % (
            mark, post.status_label, f"{local:%d/%m/%Y %H:%M}", post.handle, post.text)
        if post.url:
            tooltip += "\n\n" + post.url
        item.setToolTip(tooltip)
        item.setStatusTip(mark)
        self.posts.addItem(item)
        return item


class CalendarView(QWidget):
    """Week or month of scheduled (blue) and published (green) posts."""

    open_post = Signal(object)  # the CalendarPost clicked

    def __init__(self, store: ComposerStore,
                 pool: QThreadPool | SynchronousPool | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._reads = Reads(self, pool)
        self._account_reads = Reads(self, pool)
        self.view: grid.View = grid.WEEK
        self.day = to_mexico(store.context.clock()).date()
        self.accounts: tuple[ViewableAccount, ...] = ()
        self.shown: tuple[CalendarPost, ...] = ()
        self.loaded = False  # the posts of the current period are shown

        self.account_combo = compact_combo(QComboBox(), 24)
        self.account_combo.setAccessibleName(self.tr("Cuenta del calendario"))
        self.week_button = QToolButton()
        self.week_button.setText(self.tr("Semana"))
        self.month_button = QToolButton()
        self.month_button.setText(self.tr("Mes"))
        group = QButtonGroup(self)
        for button in (self.week_button, self.month_button):
            button.setCheckable(True)
            group.addButton(button)
        self.week_button.setChecked(True)
        self.previous_button = QToolButton()
        self.previous_button.setText("◀")
        self.previous_button.setToolTip(self.tr("Anterior"))
        self.today_button = QToolButton()
        self.today_button.setText(self.tr("Hoy"))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Siguiente"))
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        legend = QLabel(self.tr("<span style='color:#1565c0'>■</span> programada "
                                "<span style='color:#2e7d32'>■</span> publicada"))

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Cuenta:")))
        bar.addWidget(self.account_combo, 1)
        bar.addWidget(self.week_button)
        bar.addWidget(self.month_button)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.today_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.title, 1)
        bar.addWidget(legend)

        self.grid_widget = QWidget()
        self.grid = QGridLayout(self.grid_widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(2)
        self.weekday_labels = []
        for column, name in enumerate(weekday_names()):
            label = QLabel(name)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.grid.addWidget(label, 0, column)
            self.weekday_labels.append(label)
        self.cells: list[DayCell] = []
        for index in range(42):  # six weeks at most; a week view uses the first row
            cell = DayCell()
            cell.posts.itemClicked.connect(self._clicked)
            cell.posts.itemActivated.connect(self._clicked)
            self.grid.addWidget(cell, 1 + index // 7, index % 7)
            self.cells.append(cell)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.grid_widget, 1)
        self.message.hide()

        self.week_button.clicked.connect(lambda: self.set_view(grid.WEEK))
        self.month_button.clicked.connect(lambda: self.set_view(grid.MONTH))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        self.account_combo.activated.connect(lambda _i: self.refresh())
        self._layout_days()

    # -- what is shown ------------------------------------------------------------------------
    def account_id(self) -> uuid.UUID | None:
        data = self.account_combo.currentData()
        return data if isinstance(data, uuid.UUID) else None

    def set_view(self, view: grid.View) -> None:
        self.view = view
        self.week_button.setChecked(view == grid.WEEK)
        self.month_button.setChecked(view == grid.MONTH)
        self._layout_days()
        self.refresh()

    def step(self, steps: int) -> None:
        self.day = grid.shift(self.view, self.day, steps)
        self._layout_days()
        self.refresh()

    def go_today(self) -> None:
        self.day = to_mexico(self.store.context.clock()).date()
        self._layout_days()
        self.refresh()

    def set_day(self, day: date) -> None:
        self.day = day
        self._layout_days()
        self.refresh()

    def cell_of(self, day: date) -> DayCell | None:
        return next((c for c in self.cells if c.day == day and c.isVisibleTo(self)), None)

    def _layout_days(self) -> None:
        days = grid.days_shown(self.view, self.day)
        today = to_mexico(self.store.context.clock()).date()
        if self.view == grid.WEEK:
            self.title.setText(self.tr("Semana %s") % grid.title(self.view, self.day))
        else:
            self.title.setText(grid.title(self.view, self.day).capitalize())
        for index, cell in enumerate(self.cells):
            if index < len(days):
                day = days[index]
                caption = str(day.day) if self.view == grid.MONTH else \
                    f"{weekday_names()[day.weekday()]} {day.day}"
                cell.show_day(day, caption, today=day == today,
                              outside=self.view == grid.MONTH and day.month != self.day.month)
                cell.show()
            else:
                cell.day = None
                cell.hide()
        for label in self.weekday_labels:
            label.setVisible(self.view == grid.MONTH)
        # A week's single row takes the whole height; a month's rows share it.
        for row in range(1, 7):
            self.grid.setRowStretch(row, 1 if (row - 1) * 7 < len(days) else 0)
        self.loaded = False

    # -- reading ------------------------------------------------------------------------------
    def reload_accounts(self) -> None:
        """The accounts the person may see (after a sign-in or a change of user)."""
        store = self.store
        self._account_reads.run(store.viewable_accounts, self._on_accounts)

    def _on_accounts(self, accounts: tuple[ViewableAccount, ...] | None,
                     error: BaseException | None) -> None:
        if error is not None or accounts is None:
            self._show_error(error)
            return
        chosen = self.account_id()
        self.accounts = accounts
        fill_account_filter(self.account_combo, accounts, chosen)
        self.refresh()

    def refresh(self) -> None:
        start, end = grid.period_bounds(self.view, self.day)
        store, account_id = self.store, self.account_id()
        self.loaded = False
        self._reads.run(lambda: store.calendar_posts(start, end, account_id), self._on_posts)

    def _on_posts(self, posts: tuple[CalendarPost, ...] | None,
                  error: BaseException | None) -> None:
        if not shiboken6.isValid(self):
            return
        if error is not None or posts is None:
            self._show_error(error)
            return
        self.message.hide()
        self.shown = posts
        for cell in self.cells:
            cell.posts.clear()
        days = grid.by_day(posts)
        for cell in self.cells:
            if cell.day is not None:
                for post in days.get(cell.day, []):
                    cell.add_post(post)
        if not posts:
            self.message.setText(self.tr("No hay publicaciones programadas ni publicadas en "
                                         "este periodo."))
            self.message.show()
        self.loaded = True

    def _show_error(self, error: BaseException | None) -> None:
        text = getattr(error, "message", None) or self.tr(
            "No se pudo leer el calendario (%s). Vuelva a intentarlo.") % error
        self.message.setText(text)
        self.message.show()
        self.loaded = True

    def _clicked(self, item: QListWidgetItem) -> None:
        post_id = item.data(POST_ID)
        post = next((p for p in self.shown if p.id == post_id), None)
        if post is not None:
            self.open_post.emit(post)
