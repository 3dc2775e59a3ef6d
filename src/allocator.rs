//! The global allocator of newsgraph's programs: mimalloc, asked through its plain `malloc`
//! wherever the alignment allows.
//!
//! Extraction makes about 500 small allocations an article. `mimalloc::MiMalloc` sends every one
//! of them to `mi_malloc_aligned`, which looks for a free block and then checks that the block
//! has the requested alignment: about 48 instructions a call, against about 20 for `mi_malloc`.
//! Every mimalloc block is aligned to at least a pointer's size, so requests whose alignment is
//! no more than that (nearly all of Rust's: strings, vectors of words and indexes, boxes of
//! ordinary structs) can take `mi_malloc`; larger alignments keep the aligned functions.

use libmimalloc_sys::{mi_free, mi_malloc, mi_malloc_aligned, mi_realloc, mi_realloc_aligned, mi_zalloc, mi_zalloc_aligned};
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// mimalloc as a Rust global allocator, for `#[global_allocator]` in a binary.
///
/// The crate's build turns on mimalloc's `override`, which makes it the process's `malloc` and
/// `free` as well, so that C code (RocksDB) and Rust share one heap.
#[derive(Debug, Clone, Copy, Default)]
pub struct Allocator;

/// The alignment every mimalloc block has, whatever its size.
const BLOCK_ALIGN: usize = std::mem::size_of::<usize>();

// SAFETY: each function forwards to mimalloc, which returns null on failure and otherwise a
// block of at least the requested size. `mi_malloc`, `mi_zalloc` and `mi_realloc` are used only
// when the requested alignment is at most `BLOCK_ALIGN`, which every mimalloc block has; other
// alignments go to mimalloc's aligned functions. All blocks are freed with `mi_free`, which
// accepts blocks from any of these functions.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: see the impl; mimalloc accepts any size.
        unsafe {
            if layout.align() <= BLOCK_ALIGN {
                mi_malloc(layout.size()).cast()
            } else {
                mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        unsafe {
            if layout.align() <= BLOCK_ALIGN {
                mi_zalloc(layout.size()).cast()
            } else {
                mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`; the new block keeps its alignment.
        unsafe {
            if layout.align() <= BLOCK_ALIGN {
                mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of every size and alignment up to a page come back aligned, keep their contents
    /// when they grow or shrink, and zeroed blocks are zero.
    #[test]
    fn blocks_are_aligned_and_keep_their_contents() {
        let a = Allocator;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 3, 8, 15, 16, 24, 40, 100, 1000, 70_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: the layouts have a non-zero size; every block is freed once, with
                // the layout it was last given.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null() && (p as usize).is_multiple_of(align), "alloc {size} aligned {align}");
                    std::ptr::write_bytes(p, 0xab, size);
                    let grown = a.realloc(p, layout, size * 3);
                    assert!(!grown.is_null() && (grown as usize).is_multiple_of(align), "realloc {size} aligned {align}");
                    assert!((0..size).all(|i| *grown.add(i) == 0xab), "realloc {size} aligned {align} kept the bytes");
                    a.dealloc(grown, Layout::from_size_align(size * 3, align).unwrap());
                    let z = a.alloc_zeroed(layout);
                    assert!(!z.is_null() && (z as usize).is_multiple_of(align), "alloc_zeroed {size} aligned {align}");
                    assert!((0..size).all(|i| *z.add(i) == 0), "alloc_zeroed {size} aligned {align} is zero");
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
