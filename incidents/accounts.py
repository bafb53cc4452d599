"""Who may do what: roles, local accounts kept in the store, and the acting user.

Three roles, each including the one before:

- **viewer**: reads and exports;
- **editor**: adds, edits, merges, splits, deletes, imports and restores;
- **admin**: also manages accounts.

Every write to the store names the :class:`User` it is made by; the store
checks the role and writes the name to the audit trail. Passwords are
hashed with argon2id (``argon2-cffi``), whose hash string carries its own
salt and parameters, so they can be raised later without a migration.

Who acts when nobody logs in is decided where the program starts, never here:
the command line acts as :data:`LOCAL_ADMIN` (whoever can reach the database
can change it anyway) unless told ``--user``; the dashboard does so only on
a loopback address with no accounts in the store.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Literal

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from incidents.errors import InputError, PermissionDenied
from incidents.schema import users_t

__all__ = [
    "LOCAL_ADMIN",
    "ROLES",
    "SEEDER",
    "Account",
    "Permission",
    "Role",
    "User",
    "add_account",
    "any_accounts",
    "authenticate",
    "list_accounts",
    "set_disabled",
    "set_role",
    "user_named",
]

Role = Literal["viewer", "editor", "admin"]
Permission = Literal["read", "export", "edit", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "editor", "admin")
_GRANTS: dict[Role, frozenset[Permission]] = {
    "viewer": frozenset({"read", "export"}),
    "editor": frozenset({"read", "export", "edit"}),
    "admin": frozenset({"read", "export", "edit", "admin"}),
}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,79}")
MIN_PASSWORD = 10
_HASHER = PasswordHasher()


@dataclass(frozen=True)
class User:
    """Someone acting on the store: a name for the audit trail and a role."""

    name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        """Whether this user's role grants ``permission``."""
        return permission in _GRANTS[self.role]

    def require(self, permission: Permission, action: str) -> None:
        """A :class:`PermissionDenied` naming the action unless the role grants it."""
        if not self.can(permission):
            needed = next(r for r in ROLES if permission in _GRANTS[r])
            raise PermissionDenied(
                f"{self.name} is a {self.role} and cannot {action}; that needs the {needed} "
                "role (an admin can grant it: incidents users set-role NAME ROLE)."
            )


#: Whoever runs the command line, or the dashboard on this machine with no accounts set up.
LOCAL_ADMIN = User("local", "admin")
#: The dashboard filling an empty store with the bundled seed articles.
SEEDER = User("seeds", "editor")


@dataclass(frozen=True)
class Account:
    """A stored account as ``incidents users list`` shows it (never its hash)."""

    name: str
    role: Role
    disabled: bool
    created_at: dt.datetime

    @property
    def user(self) -> User:
        """The account acting."""
        return User(self.name, self.role)


def _check_role(role: str) -> Role:
    for known in ROLES:
        if role == known:
            return known
    raise InputError(f"Unknown role {role!r}; expected one of {', '.join(ROLES)}.")


def add_account(engine: sa.Engine, name: str, password: str, role: str, *, by: User) -> Account:
    """Create an account; only an admin may.

    Raises
    ------
    InputError
        The name is taken or unusable, the role unknown or the password short.
    PermissionDenied
        ``by`` is not an admin.
    """
    by.require("admin", "add accounts")
    if not _NAME.fullmatch(name):
        raise InputError(
            f"Account name {name!r} is not usable: use 1–80 letters, digits and . _ @ + -, "
            "starting with a letter or digit."
        )
    if len(password) < MIN_PASSWORD:
        raise InputError(f"The password is too short: use at least {MIN_PASSWORD} characters.")
    account = Account(name, _check_role(role), False, _now())
    with engine.begin() as conn:
        if conn.execute(sa.select(users_t.c.name).where(users_t.c.name == name)).first():
            raise InputError(f"There is already an account named {name!r}.")
        first = conn.execute(sa.select(users_t.c.name).limit(1)).first() is None
        if first and account.role != "admin":
            raise InputError(
                "The first account must be an admin: once a store has accounts, everyone "
                "signs in, and someone must be able to manage them."
            )
        conn.execute(
            users_t.insert().values(
                name=name,
                role=account.role,
                password_hash=_HASHER.hash(password),
                disabled=False,
                created_at=account.created_at,
            )
        )
    return account


def list_accounts(engine: sa.Engine) -> list[Account]:
    """Every account, by name."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                users_t.c.name, users_t.c.role, users_t.c.disabled, users_t.c.created_at
            ).order_by(users_t.c.name)
        ).all()
    return [Account(r.name, _check_role(r.role), bool(r.disabled), r.created_at) for r in rows]


def any_accounts(engine: sa.Engine) -> bool:
    """Whether the store has any enabled account (if not, nobody can log in)."""
    with engine.connect() as conn:
        found = conn.execute(
            sa.select(users_t.c.name).where(users_t.c.disabled == sa.false()).limit(1)
        ).first()
    return found is not None


def set_role(engine: sa.Engine, name: str, role: str, *, by: User) -> Account:
    """Give an account another role; only an admin may, and the last admin stays one."""
    by.require("admin", "change roles")
    new = _check_role(role)
    with engine.begin() as conn:
        _existing(conn, name)
        if new != "admin":
            _keep_an_admin(conn, name)
        conn.execute(users_t.update().where(users_t.c.name == name).values(role=new))
    return _account(engine, name)


def set_disabled(engine: sa.Engine, name: str, disabled: bool, *, by: User) -> Account:
    """Disable (or enable again) an account; it keeps its history."""
    by.require("admin", "disable accounts")
    with engine.begin() as conn:
        _existing(conn, name)
        if disabled:
            _keep_an_admin(conn, name)
        conn.execute(users_t.update().where(users_t.c.name == name).values(disabled=disabled))
    return _account(engine, name)


def authenticate(engine: sa.Engine, name: str, password: str) -> User:
    """The user with this name and password.

    Raises
    ------
    PermissionDenied
        Unknown name, wrong password or a disabled account; the message does
        not say which, so names cannot be probed.
    """
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(users_t.c.role, users_t.c.password_hash, users_t.c.disabled).where(
                users_t.c.name == name
            )
        ).first()
    # An unknown name costs a hash check too: timing does not tell names apart.
    stored = row.password_hash if row is not None else _dummy_hash()
    try:
        _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        row = None
    if row is None or row.disabled:
        raise PermissionDenied("Wrong account name or password, or the account is disabled.")
    return User(name, _check_role(row.role))


def user_named(engine: sa.Engine, name: str) -> User:
    """The enabled account ``name`` acting (the command line's ``--user``)."""
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(users_t.c.role, users_t.c.disabled).where(users_t.c.name == name)
        ).first()
    if row is None or row.disabled:
        raise PermissionDenied(
            f"No enabled account named {name!r} in this store (see: incidents users list)."
        )
    return User(name, _check_role(row.role))


def _existing(conn: sa.Connection, name: str) -> None:
    if conn.execute(sa.select(users_t.c.name).where(users_t.c.name == name)).first() is None:
        raise InputError(f"No account named {name!r} (see: incidents users list).")


def _keep_an_admin(conn: sa.Connection, name: str) -> None:
    others = conn.execute(
        sa.select(sa.func.count())
        .select_from(users_t)
        .where(users_t.c.role == "admin", users_t.c.disabled == sa.false(), users_t.c.name != name)
    ).scalar_one()
    is_admin = conn.execute(
        sa.select(users_t.c.name).where(users_t.c.name == name, users_t.c.role == "admin")
    ).first()
    if is_admin is not None and not others:
        raise InputError(
            f"{name!r} is the last enabled admin; make another account admin first, or nobody "
            "could manage accounts from the dashboard."
        )


def _account(engine: sa.Engine, name: str) -> Account:
    return next(a for a in list_accounts(engine) if a.name == name)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


@functools.cache
def _dummy_hash() -> str:
    return _HASHER.hash("not the password of anyone")
