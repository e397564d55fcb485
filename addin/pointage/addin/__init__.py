"""The Pointage Excel add-in: macros, custom functions, .xlam build (issue 4)."""
