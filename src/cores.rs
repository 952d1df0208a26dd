//! Starting a short helper thread at once, on another core than the thread that spawns it.
//!
//! On the 2-core virtual machines newsgrep is measured on, the kernel packs threads: a thread
//! spawned while the other core idles is queued on its parent's core (29 spawns in 30), and
//! runs only when the parent blocks or the scheduler moves one of them, 1 to 3 ms later, as
//! long as a whole search. So the parent yields once, the helper runs and moves itself to
//! another core, and the parent goes on where it was. The helper, not the parent, then waits
//! for the idle core to wake (0.2 to 3 ms there): the parent holds the critical path, and it
//! is not interrupted. Moving the parent instead (the former way) made it wait for the idle
//! core: medians of 300 alternating searches, 7.51 -> 6.92 ms and 6.48 -> 6.09 ms.

use std::thread::{JoinHandle, Scope, ScopedJoinHandle};

/// Spawns `work` on `scope` so that it runs beside this thread (on Linux: on another core).
pub fn spawn_beside<'scope, 'env, T, F>(
    scope: &'scope Scope<'scope, 'env>,
    work: F,
) -> ScopedJoinHandle<'scope, T>
where
    F: FnOnce() -> T + Send + 'scope,
    T: Send + 'scope,
{
    let handle = scope.spawn(aside(work));
    // The helper is most likely queued behind this thread: let it run long enough to move away.
    std::thread::yield_now();
    handle
}

/// Spawns `work` on a thread of its own that runs beside this one, as [`spawn_beside`] does,
/// and that the process does not wait for at its exit.
pub fn spawn_detached_beside<T, F>(work: F) -> JoinHandle<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let handle = std::thread::spawn(aside(work));
    std::thread::yield_now();
    handle
}

/// `work`, made to step aside first from the core of the thread that calls this.
fn aside<T>(work: impl FnOnce() -> T) -> impl FnOnce() -> T {
    #[cfg(target_os = "linux")]
    let parent = rustix::thread::sched_getcpu();
    move || {
        #[cfg(target_os = "linux")]
        step_aside_from(parent);
        work()
    }
}

/// Moves this thread, when it runs on core `taken`, to the first other core the process may
/// use, then lets it run on any of them again; does nothing when there is no other core or
/// the system refuses.
#[cfg(target_os = "linux")]
fn step_aside_from(taken: usize) {
    use rustix::thread::{sched_getaffinity, sched_getcpu, sched_setaffinity, CpuSet};
    if sched_getcpu() != taken {
        return;
    }
    let Ok(allowed) = sched_getaffinity(None) else {
        return;
    };
    let Some(other) = (0..CpuSet::MAX_CPU).find(|&cpu| cpu != taken && allowed.is_set(cpu)) else {
        return;
    };
    let mut there = CpuSet::new();
    there.set(other);
    if sched_setaffinity(None, &there).is_ok() {
        let _ = sched_setaffinity(None, &allowed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cores this thread may run on.
    #[cfg(target_os = "linux")]
    fn cores() -> Vec<usize> {
        let set = rustix::thread::sched_getaffinity(None).expect("this thread's cores");
        (0..rustix::thread::CpuSet::MAX_CPU)
            .filter(|&c| set.is_set(c))
            .collect()
    }

    #[test]
    fn the_helper_runs_and_may_again_use_every_core() {
        let answer = std::thread::scope(|scope| {
            spawn_beside(scope, || {
                #[cfg(target_os = "linux")]
                let helper_cores = cores();
                #[cfg(not(target_os = "linux"))]
                let helper_cores = ();
                (6 * 7, helper_cores)
            })
            .join()
        });
        let (answer, _helper_cores) = answer.expect("the helper ran");
        assert_eq!(answer, 42);
        #[cfg(target_os = "linux")]
        assert_eq!(_helper_cores, cores(), "the helper is not left pinned");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn stepping_aside_leaves_the_thread_free_to_use_every_core_again() {
        // Where the thread lands is the scheduler's to say; what it may use afterwards is
        // ours: every core it could use before, whether it moved or had nothing to do.
        let before = cores();
        step_aside_from(usize::MAX);
        assert_eq!(cores(), before, "not on that core: nothing changed");
        step_aside_from(rustix::thread::sched_getcpu());
        assert_eq!(cores(), before, "every core allowed again after the move");
    }
}
