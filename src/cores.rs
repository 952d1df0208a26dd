//! Starting a short helper thread at once, on another core than the thread that spawns it.
//!
//! A thread spawned while the other cores idle is often queued on its parent's core, and runs
//! only when the parent blocks or the scheduler moves one of them: on the 2-core virtual
//! machines newsgrep is measured on, 1 to 3 ms later, as long as a whole search. Instead the
//! parent steps over to another core, which takes about 0.1 ms, and the helper runs at once on
//! the core the parent left.

use std::thread::{Scope, ScopedJoinHandle};

/// Spawns `work` on `scope` and moves this thread to another core the process may use (on
/// Linux), so that both run at once.
pub fn spawn_beside<'scope, 'env, T, F>(
    scope: &'scope Scope<'scope, 'env>,
    work: F,
) -> ScopedJoinHandle<'scope, T>
where
    F: FnOnce() -> T + Send + 'scope,
    T: Send + 'scope,
{
    let handle = scope.spawn(work);
    #[cfg(target_os = "linux")]
    step_aside();
    handle
}

/// Moves this thread to the first core, other than its own, that the process may use, then
/// lets it run on any of them again; does nothing when there is no other core or the system
/// refuses.
#[cfg(target_os = "linux")]
fn step_aside() {
    use rustix::thread::{sched_getaffinity, sched_getcpu, sched_setaffinity, CpuSet};
    let Ok(allowed) = sched_getaffinity(None) else {
        return;
    };
    let here = sched_getcpu();
    let Some(other) = (0..CpuSet::MAX_CPU).find(|&cpu| cpu != here && allowed.is_set(cpu)) else {
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

    #[test]
    fn the_helper_runs_and_this_thread_may_again_use_every_core() {
        #[cfg(target_os = "linux")]
        let before = rustix::thread::sched_getaffinity(None).expect("this thread's cores");
        let answer = std::thread::scope(|scope| spawn_beside(scope, || 6 * 7).join());
        assert_eq!(answer.ok(), Some(42));
        #[cfg(target_os = "linux")]
        {
            let after = rustix::thread::sched_getaffinity(None).expect("this thread's cores");
            assert_eq!(after.count(), before.count());
            assert!(
                (0..rustix::thread::CpuSet::MAX_CPU).all(|c| after.is_set(c) == before.is_set(c))
            );
        }
    }
}
