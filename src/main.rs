fn main() {
    std::process::exit(leapcheck::run());
}
