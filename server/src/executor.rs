//! The executor leptos spawns a page's resources on: tokio, with each task
//! holding the page's owners (the reactive scopes its context is looked up
//! in) for as long as it is being polled.
//!
//! Without it a worker thread can hang for good: when a browser leaves in
//! the middle of a render, the render's owners lose their holders while a
//! resource's task still runs. If that task is looking up a context at that
//! moment (`use_context` walks up the owners with the task's own owner
//! read-locked), the walk's temporary reference to a parent can be the last
//! one; dropping it cleans the parent's children, the task's owner among
//! them, which takes the write lock the walk itself holds — a deadlock
//! (leptos 0.8.23, reactive_graph 0.2.16; seen under wrk: one of the two
//! workers stuck in `OwnerInner::drop` below `use_context`). Held by the
//! task while it runs, the owners are dropped, when they are, between polls,
//! where no lock is held.
use any_spawner::{CustomExecutor, Executor, PinnedFuture, PinnedLocalFuture};
use leptos::reactive::owner::{Owner, WeakOwner};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Makes leptos spawn on this executor; later calls (and leptos' own
/// `init_tokio`, which comes after) change nothing.
pub fn init() {
    let _ = Executor::init_custom_executor(TokioHoldingOwners);
}

struct TokioHoldingOwners;

impl CustomExecutor for TokioHoldingOwners {
    fn spawn(&self, fut: PinnedFuture<()>) {
        tokio::spawn(HoldingOwners { fut, lineage: lineage_of(Owner::current()) });
    }

    fn spawn_local(&self, fut: PinnedLocalFuture<()>) {
        tokio::task::spawn_local(fut);
    }

    fn poll_local(&self) {}
}

/// An owner and its ancestors, not kept alive by this list.
fn lineage_of(owner: Option<Owner>) -> Vec<WeakOwner> {
    let mut lineage = Vec::new();
    let mut next = owner;
    while let Some(owner) = next {
        lineage.push(owner.downgrade());
        next = owner.parent();
    }
    lineage
}

/// A task that holds the owners it was spawned under while it is polled.
struct HoldingOwners<F> {
    fut: F,
    lineage: Vec<WeakOwner>,
}

impl<F: Future<Output = ()> + Unpin> Future for HoldingOwners<F> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        let held: Vec<Owner> = this.lineage.iter().filter_map(WeakOwner::upgrade).collect();
        let polled = Pin::new(&mut this.fut).poll(cx);
        // Whatever owner this was the last holder of is dropped here, with no lock held.
        drop(held);
        polled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_task_holds_its_owners_while_it_is_polled_and_lets_them_go_after() {
        let root = Owner::new();
        let child = root.child();
        let (weak_root, weak_child) = (root.downgrade(), child.downgrade());
        let lineage = lineage_of(Some(child.clone()));
        assert_eq!(lineage.len(), 2);
        let probe = Box::pin(async move {
            // The page goes away (its last holders dropped) while the task runs.
            drop((root, child));
            assert!(weak_child.upgrade().is_some_and(|c| c.parent().is_some()), "the owners stay for the poll");
        });
        tokio::spawn(HoldingOwners { fut: probe, lineage }).await.expect("the task ran to its end");
        assert!(weak_root.upgrade().is_none(), "and are let go after it");
    }
}
