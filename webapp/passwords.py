"""Password hashing with Argon2id, a memory-hard scheme (DESIGN.md 5.5)."""

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

# Tests log in hundreds of times; the cheapest profile keeps them quick.
_HASHERS = {
    "default": PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY),
    "test": PasswordHasher.from_parameters(profiles.CHEAPEST),
}


def hash_password(password: str, profile: str = "default") -> str:
    """Return an Argon2id hash of the password."""
    return _HASHERS[profile].hash(password)


def check_password(password_hash: str, password: str) -> bool:
    """Tell whether the password matches the stored hash."""
    hasher = _HASHERS["default"]
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# Verified against when the user name is unknown, so a wrong name takes as long
# as a wrong password and the timing tells nothing.
DUMMY_HASH = hash_password("no such user")
