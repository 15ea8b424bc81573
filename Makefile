# The two set-up commands of the README. Everything else is `labelguide --help`.
.PHONY: up down test

up:     ## create .venv, install, start Label Studio (+ ML backend), create the projects, print the login
	scripts/bootstrap.sh studio
	.venv/bin/labelguide up

down:   ## stop what `make up` started
	.venv/bin/labelguide down

test:   ## install what the tests need (Label Studio; Debian Chromium, PostgreSQL, nginx) and run the whole suite
	scripts/test.sh
