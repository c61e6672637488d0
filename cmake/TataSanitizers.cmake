# Sanitizer builds (scripts/fuzz, scripts/sanitize): TATA_SANITIZE is a
# comma-separated -fsanitize= list applied to every target of ours, the
# plugins included, since Boost.DLL loads them into the same process.
set(TATA_SANITIZE "" CACHE STRING "-fsanitize= list for every target (e.g. address,undefined)")
if(TATA_SANITIZE)
  add_compile_options(-fsanitize=${TATA_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  # fuzzer-no-link instruments without a main; the fuzz targets add -fsanitize=fuzzer.
  string(REPLACE "fuzzer-no-link," "" link_sanitizers "${TATA_SANITIZE}")
  string(REPLACE ",fuzzer-no-link" "" link_sanitizers "${link_sanitizers}")
  add_link_options(-fsanitize=${link_sanitizers})
endif()
