# Makefile — the thin front door of Sentinel's meson build.
#   make          build into build/
#   make run      analyse and code the bundled sample article, then store and merge 41 reports
#                 (the furthest stages so far)
#   make test     unit, golden and CLI tests, then the same under ASan+UBSan
#   make bench    throughput and memory of the text stage on a generated corpus
#   make install  PREFIX=/usr/local DESTDIR= (binary, libsentinel, sentinel.pc, data, man page)
PREFIX ?= /usr/local
BUILD ?= build
ASAN_BUILD ?= build-asan
MESON ?= meson

.PHONY: all deps run test test-asan bench install clean

all: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

deps:
	@scripts/install-deps

$(BUILD)/build.ninja:
	$(MESON) setup $(BUILD) --prefix=$(PREFIX)

$(ASAN_BUILD)/build.ninja:
	$(MESON) setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug

run: all
	$(BUILD)/sentinel parse --output text --date 2015-03-16 data/samples/tbilisi-brief.txt
	@echo "== events"
	$(BUILD)/sentinel code --date 2015-03-16 data/samples/tbilisi-brief.txt
	@echo "== store: 41 reports (30 outlets on the bombing of Gori), merged into events"
	rm -f $(BUILD)/demo.db
	$(BUILD)/sentinel ingest --db $(BUILD)/demo.db --progress off tests/fixtures/merge/
	$(BUILD)/sentinel events --db $(BUILD)/demo.db

test: all $(ASAN_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD)
	scripts/run-tests $(BUILD) $(ASAN_BUILD)

bench: all
	scripts/bench $(BUILD)

install: all
	$(MESON) configure $(BUILD) --prefix=$(PREFIX)
	DESTDIR=$(DESTDIR) $(MESON) install -C $(BUILD)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
