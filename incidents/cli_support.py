"""What every ``incidents`` subcommand shares: error handling, the store, dates, filters."""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from geo.errors import AtlasError, UnknownPlace
from incidents.vocabulary import (
    EVENT_TYPES,
    FIRST_DAY,
    LAST_DAY,
    MATCH_MODES,
    country_code,
    day_in_range,
)

if TYPE_CHECKING:
    from geo.gazetteer import Gazetteer
    from incidents.accounts import User
    from incidents.store import Store

# Commands import the store, the gazetteer and drawing when they run, not when
# the command line starts: `incidents --help` answers at once.

__all__ = [
    "DATE",
    "acting_user",
    "filter_options",
    "gazetteer",
    "handles_errors",
    "open_store",
    "print_json",
    "region_id",
]

F = TypeVar("F", bound=Callable[..., Any])


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON (dates as ISO strings)."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def handles_errors(func: F) -> F:
    """Turn our errors into a clean message and a non-zero exit."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AtlasError as exc:
            if kwargs.get("as_json"):
                click.echo(json.dumps({"error": {"code": exc.code, "message": str(exc)}}))
                sys.exit(1)
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


def open_store(ctx: click.Context) -> Store:
    """The store the command line was pointed at (``--db`` or the environment).

    Its connections close when the command ends (a team database counts them).
    """
    from incidents.store import Store

    store = Store(ctx.obj["db"], gazetteer(ctx))
    ctx.call_on_close(store.dispose)
    acting_user(ctx, store)  # a mistyped --user is an error even for a command that only reads
    return store


def acting_user(ctx: click.Context, store: Store) -> User:
    """Who this command acts as: the account named by ``--user``, else the local admin.

    The command line asks for no password: whoever can open the database can
    change it directly anyway. ``--user`` is how a script takes on an
    account's role (a viewer's import is refused) and its name in the history.
    """
    from incidents.accounts import LOCAL_ADMIN, user_named

    obj = ctx.find_root().obj
    if "acting" not in obj:
        name = obj.get("user")
        obj["acting"] = user_named(store.engine, name) if name else LOCAL_ADMIN
    acting: User = obj["acting"]
    return acting


def gazetteer(ctx: click.Context) -> Gazetteer:
    """The gazetteer of this command, loaded when it first needs one."""
    from geo.gazetteer import Gazetteer

    if "gazetteer" not in ctx.obj:
        ctx.obj["gazetteer"] = Gazetteer()
    found: Gazetteer = ctx.obj["gazetteer"]
    return found


class _Date(click.ParamType):  # type: ignore[type-arg]
    name = "DATE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date; expected YYYY-MM-DD, e.g. 2024-07-24.", param, ctx)
        if not day_in_range(day):
            self.fail(
                f"{value} is outside {FIRST_DAY.year}–{LAST_DAY.year}; check the year.", param, ctx
            )
        return day


DATE = _Date()


def region_id(name: str, gaz: Gazetteer) -> str:
    """The gazetteer id of a region given by id or name, or a clear error."""
    if name in gaz.by_id:
        return name
    for feature in gaz.lookup(name):
        if feature.is_region:
            return feature.id
    raise UnknownPlace(
        f"Unknown region {name!r}: expected a sea, strait, ADIZ, country or state name from the "
        "gazetteer, e.g. 'Sea of Japan' (try: incidents geocode \"NAME\")."
    )


_FILTER_OPTIONS = (
    click.option("--start", type=DATE, help="First day, inclusive (YYYY-MM-DD)."),
    click.option("--end", type=DATE, help="Last day, inclusive (YYYY-MM-DD)."),
    click.option(
        "--country",
        "countries",
        multiple=True,
        metavar="CC",
        help="Participating country (ISO code or name); repeat for several.",
    ),
    click.option(
        "--match",
        type=click.Choice(MATCH_MODES),
        default="any",
        show_default=True,
        help="Countries: any of them, all of them (joint activity), or exactly them.",
    ),
    click.option(
        "--responders/--no-responders",
        default=False,
        help="Count responding countries as participants too.",
    ),
    click.option(
        "--type",
        "types",
        multiple=True,
        type=click.Choice(EVENT_TYPES),
        help="Event type; repeat for several.",
    ),
    click.option(
        "--region",
        "regions",
        multiple=True,
        metavar="NAME",
        help="Gazetteer region (sea, strait, ADIZ, country); repeat for several.",
    ),
    click.option("--text", default="", help="Words in the title, summary or assets."),
)


def filter_options(func: F) -> F:
    """Add the filter options of ``incidents list`` and pass them on as one ``flt``.

    A bad country or region is reported like any of our errors (JSON with ``--json``).
    """

    @functools.wraps(func)
    @handles_errors
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from incidents.filters import Filter

        countries = kwargs.pop("countries")
        regions = kwargs.pop("regions")
        kwargs["flt"] = Filter(
            start=kwargs.pop("start"),
            end=kwargs.pop("end"),
            countries=frozenset(country_code(c) for c in countries),
            match=kwargs.pop("match"),
            include_responders=kwargs.pop("responders"),
            event_types=frozenset(kwargs.pop("types")),
            regions=frozenset(
                region_id(r, gazetteer(click.get_current_context())) for r in regions
            ),
            text=kwargs.pop("text"),
        )
        return func(*args, **kwargs)

    decorated: Any = wrapper
    for option in reversed(_FILTER_OPTIONS):
        decorated = option(decorated)
    return decorated  # type: ignore[no-any-return]
