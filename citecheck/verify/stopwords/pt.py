"""Portuguese stop words: articles, contractions, pronouns, auxiliaries, prepositions."""

# fmt: off
_WORDS = """
o a os as um uma uns umas de do da dos das em no na nos nas ao aos à às pelo pela pelos pelas
por para com sem sobre entre até desde e ou mas que se não mais muito também já como
é são foi foram ser era eram está estão estava ter tem têm tinha há
ele ela eles elas eu você nós seu sua seus suas lhe isso isto esse essa este esta aquele
qual quando onde quem
"""
WORDS = frozenset(_WORDS.split())
