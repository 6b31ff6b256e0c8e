"""Agency-side set-up from the command line (DESIGN.md 5.7)."""

import secrets
from datetime import date

import click
from flask import Flask, current_app
from sqlalchemy import select

from .domain import InvalidValue
from .domain.identity import COMPANY, parse_identity
from .extensions import db
from .models import AGENCY_ROLES, Client, Role, User
from .passwords import hash_password

DEMO_CLIENT_NAME = "Demobolaget AB"
DEMO_ORG_NUMBER = "551452-6382"
DEMO_USERNAME = "demo"
USERNAME_MAX = 100


def org_number_option(value: str) -> str:
    """Return the organisation number normalised, or stop with the reason."""
    try:
        return parse_identity(value, COMPANY, date.today()).number
    except InvalidValue as error:
        raise click.BadParameter(str(error)) from None


def password_hash(password: str) -> str:
    return hash_password(password, current_app.config["PASSWORD_HASH_PROFILE"])


def create_client(name: str, org_number: str, customer_number: str | None) -> Client:
    """Store a client, giving it the next customer number unless one is set."""
    if customer_number is None:
        customer_number = next_customer_number()
    client = Client(name=name, org_number=org_number, customer_number=customer_number)
    db.session.add(client)
    db.session.commit()
    return client


def next_customer_number() -> str:
    """Return the first free number after the clients' count, from 10001 on."""
    taken = set(db.session.scalars(select(Client.customer_number)))
    candidate = 10001 + len(taken)
    while str(candidate) in taken:
        candidate += 1
    return str(candidate)


def find_client(org_number: str) -> Client | None:
    return db.session.scalar(select(Client).where(Client.org_number == org_number))


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == username))


def chosen_password(password: str | None) -> tuple[str, bool]:
    """Return the password given, or a generated one; and whether it was made."""
    if password is None:
        return secrets.token_urlsafe(12), True
    if not password:
        raise click.BadParameter(
            "the password may not be empty", param_hint="--password"
        )
    return password, False


clients_cli = click.Group("clients", help="Manage the agency's clients.")
users_cli = click.Group("users", help="Manage the users who log in.")


@clients_cli.command("create")
@click.option("--name", required=True, help="The company's name.")
@click.option("--org-number", required=True, help="Organisation number.")
@click.option("--customer-number", help="The agency's customer number for it.")
def clients_create(name: str, org_number: str, customer_number: str | None) -> None:
    """Create a client company."""
    name = name.strip()
    if not name or len(name) > 200:
        raise click.BadParameter(
            "give a name of 1 to 200 characters", param_hint="--name"
        )
    org_number = org_number_option(org_number)
    if find_client(org_number):
        raise click.ClickException(f"a client with org.nr {org_number} already exists")
    taken = customer_number and db.session.scalar(
        select(Client).where(Client.customer_number == customer_number)
    )
    if taken:
        raise click.ClickException(f"customer number {customer_number} is taken")
    client = create_client(name, org_number, customer_number)
    click.echo(f"Created client {client.org_number}, {client.name}")


@users_cli.command("create")
@click.option("--client", "org_number", help="The client's organisation number.")
@click.option("--username", required=True)
@click.option("--password", help="Without it, a password is generated and printed.")
@click.option(
    "--role",
    type=click.Choice([role.value for role in Role]),
    default=Role.CLIENT_USER.value,
    show_default=True,
)
def users_create(
    org_number: str | None, username: str, password: str | None, role: str
) -> None:
    """Create a user for a client, or an agency user without one."""
    username = username.strip()
    if (
        not username
        or len(username) > USERNAME_MAX
        or any(c.isspace() for c in username)
    ):
        raise click.BadParameter(
            "give a user name of 1 to 100 characters without spaces",
            param_hint="--username",
        )
    client = None
    if role in AGENCY_ROLES:
        if org_number:
            raise click.BadParameter(
                "agency roles belong to no client", param_hint="--client"
            )
    else:
        if not org_number:
            raise click.BadParameter(
                "a client user needs --client", param_hint="--client"
            )
        client = find_client(org_number_option(org_number))
        if client is None:
            raise click.ClickException(f"no client with org.nr {org_number}")
    if find_user(username):
        raise click.ClickException(f"user {username} already exists")

    password, generated = chosen_password(password)
    user = User(username=username, password_hash=password_hash(password), role=role)
    user.client = client
    db.session.add(user)
    db.session.commit()
    click.echo(f"Created user {username} ({role})")
    if generated:
        click.echo(f"Password: {password}")


@users_cli.command("set-password")
@click.option("--username", required=True)
@click.option("--password", help="Without it, a password is generated and printed.")
def users_set_password(username: str, password: str | None) -> None:
    """Set a user's password and lift any lock."""
    user = find_user(username.strip())
    if user is None:
        raise click.ClickException(f"no user {username}")
    password, generated = chosen_password(password)
    user.password_hash = password_hash(password)
    user.failed_logins = 0
    user.locked_until = None
    db.session.commit()
    click.echo(f"Password set for {username}")
    if generated:
        click.echo(f"Password: {password}")


@click.command("demo")
def demo() -> None:
    """Create the demo client and the user demo/demo; safe to run again."""
    client = find_client(DEMO_ORG_NUMBER)
    if client is None:
        client = create_client(DEMO_CLIENT_NAME, DEMO_ORG_NUMBER, None)
    if find_user(DEMO_USERNAME) is None:
        user = User(
            username=DEMO_USERNAME,
            password_hash=password_hash("demo"),
            role=Role.CLIENT_ADMIN,
        )
        user.client = client
        db.session.add(user)
        db.session.commit()
    click.echo(f"Demo client {client.org_number}, {client.name}; log in as demo/demo")


def init_app(app: Flask) -> None:
    app.cli.add_command(clients_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(demo)
