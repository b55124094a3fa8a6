"""French stop words: articles, pronouns, auxiliaries, prepositions, conjunctions."""

# fmt: off
_WORDS = """
le la les l un une des du de d au aux et ou mais donc or ni car que qu qui quoi dont où
ce cet cette ces c ça cela ceci il elle ils elles on nous vous je j tu me m te t se s lui leur
leurs son sa ses mon ma mes ton ta tes notre nos votre vos y en ne n pas plus
est sont été être était étaient sera seront a ont avait avaient avoir aura fait
dans sur sous par pour avec sans entre vers chez selon depuis pendant contre
aussi très tout tous toute toutes comme si même
"""
WORDS = frozenset(_WORDS.split())
