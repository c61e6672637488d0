# Warnings every target of ours compiles with; clean builds are expected.
function(tata_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow)
endfunction()
