# Every value as the schema asks: required ones filled, in its form, SIRETs with their check digit.
from classeurs import PUBLICATION_SCDL

CLASSEUR = {"Subventions": PUBLICATION_SCDL}
