"""The lists a case's choices come from.

DESIGN.md 3 says the agency keeps the Tjänst and Skuldgrupp lists per client;
until an issue adds that upkeep, every client gets these defaults.
"""

SERVICES = ("Inkasso", "Påminnelse före inkasso")
DEFAULT_SERVICE = "Inkasso"
DEBT_GROUPS = ("Varor", "Tjänster", "Hyra", "Lån", "Övrigt")
DEBTOR_KINDS = (("company", "Företag"), ("person", "Privatperson"))
DEFAULT_COUNTRY = "SE"
DEFAULT_CURRENCY = "SEK"
