// Thousands of small sheets mean millions of small allocations; mimalloc halves their cost
// against the system allocator (README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(leapcheck::run());
}
