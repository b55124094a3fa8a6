"""English stop words: articles, pronouns, auxiliaries, prepositions, conjunctions."""

# fmt: off
_WORDS = """
a an the and or but nor if then than so as of in on at by for with from to into onto about
over under after before between through during without within upon against among
is are was were be been being am do does did done have has had having will would shall
should can could may might must not no yes
i me my we us our you your he him his she her it its they them their this that these those
who whom whose which what when where why how all any both each few more most other some such
only own same too very just also there here out up down off again once
said says say s t don doesn didn isn wasn aren weren won
"""
WORDS = frozenset(_WORDS.split())
