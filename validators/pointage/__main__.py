from pointage.cli import run

run()
