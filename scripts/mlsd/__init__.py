"""Tools of the ML System Design Atlas: catalog, validation, link checking, page macros."""
