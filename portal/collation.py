"""Polish alphabetical order, the same on every database."""

ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_RANK = {letter: position for position, letter in enumerate(ALPHABET)}


def polish_key(text):
    """Sort key placing ą after a, ł after l, ś after s and so on, case-insensitively."""
    lowered = text.lower()
    return [(_RANK.get(char, len(ALPHABET) + ord(char)), char) for char in lowered]
