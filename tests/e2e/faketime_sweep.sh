# Sourced by tests/e2e/lib.sh (after each test) and tests/e2e/run.sh (after
# the suite). libfaketime keeps a semaphore and a shared-memory segment per
# process in /dev/shm and removes them at exit; a laifang the suite kills (the
# crash, hang-up and server-kill scenarios) leaves them, and a later faked
# process that gets the same pid then fails in libfaketime ("File exists")
# after its own work passed: a later test of this suite, or a faked run of the
# unit tests after it. Those of processes no longer running go.
_faketime_sweep() {
	for _f in /dev/shm/sem.faketime_sem_* /dev/shm/faketime_shm_*; do
		[ -O "$_f" ] || continue
		_pid=${_f##*_}
		case $_pid in '' | *[!0-9]*) continue ;; esac
		kill -0 "$_pid" 2>/dev/null || rm -f "$_f"
	done
}
