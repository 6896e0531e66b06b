"""Words a search leaves out: function words, and the words a question is made of.

Residents ask the search box questions ("czy mogę sam złożyć wniosek", "ile kosztuje udział
gminy", "how can I apply"). What a page must contain to answer them is the rest: "złożyć
wniosek", "kosztować udział gmina". The words below say nothing about which page answers, so
neither the index (``search.indexing``) nor a query (``search.polish.base_forms``) keeps
them: conjunctions and prepositions, question words, personal and possessive pronouns, forms
of "to be" and the modal verbs of a question ("mogę", "trzeba", "can", "should").

The lists are short on purpose. A word that names something a page can be about stays, even
if it is frequent ("gmina", "wniosek", "nabór"): ranking by how many of the query's words a
page has (``search.query``) copes with frequent words, and a missing one cannot be found.
Every word is also kept without its Polish letters ("sie", "moge"), as phones type them.

A change here changes the indexed text: rebuild the index (``manage.py update_index``).
"""

from .folding import fold

_WORDS = {
    "pl": """
        a aby albo ale ani bo by być był była było byli będzie będą czy dla do gdy i ich jak
        jako jest już lub na nad nie o od oraz po pod przez przy się są ta tak te to tu w we
        z za ze że
        co czego czemu czym dlaczego gdzie ile jaka jaki jakie jakich jakim kiedy kto kogo
        komu która które który których skąd dokąd
        ja mi mnie my nas nam wy was wam on ona ono oni one go jej jego mu im
        mój moja moje moi mojego naszej nasz nasza nasze wasz wasza wasze swój swoja swoje
        swojej sobie sam sama sami samo samemu
        mogę możemy może mogą można muszę musimy musi trzeba należy chcę chcemy
        mam mamy ma czyli jeśli jeżeli też także np proszę
    """,
    "en": """
        a an and are as at be by for from how in is it of on or that the to with
        about am been can could did do does i if into me my our should so than then there
        these this those us was we were what when where which who why will would you your
    """,
    "uk": """
        а в з і й на не по та у що як до від для
        або але де коли хто чи чому скільки який яка яке які мені мене я ми нас нам ви вас
        мій моя моє мої наш наша наше можу можна треба є бути це цей ця ці
    """,
}

STOP_WORDS = {
    language: frozenset(text.split()) | frozenset(fold(text).split())
    for language, text in _WORDS.items()
}
