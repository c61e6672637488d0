# Precompiled headers, for the clang sanitizer trees only (TATA_PCH, which
# scripts/sanitizer-tree turns on). At -O0 under ASan+UBSan much of a
# translation unit's compile time goes into parsing the same standard
# library, nlohmann/json (nearly every file of ours includes it through
# tata/*.hpp), yaml-cpp, SQLiteCpp and, in the test suites, Catch2 headers
# again; CI's ASan tree is the longest phase of its run, and these headers
# took a third off its build (scripts/sanitize's targets from clean, 2 cores:
# 1,377 s before, 935 s after; CPU time 1,349 s, 911 s). Off by default, and
# not for the GCC release build: GCC -O2 with a PCH gave -Warray-bounds false
# positives. The release build, without a PCH, still checks that every file
# includes what it uses.
#
# A PCH fits only translation units compiled like it: clang refuses one built
# with -fPIC in a -fPIE file, but silently accepts a file defining macros the
# PCH never saw (Poco's _XOPEN_SOURCE=500, _REENTRANT...), though the system
# headers in the PCH were read without them. So each kind of target, (library
# -fPIC | executable -fPIE) x (with Poco's macros or not) x (Catch2 suite or
# not), reuses (REUSE_FROM) the PCH of one donor: an object library that holds
# nothing but that PCH, built with the same flags and no macros of its own.
# Catch2 only in the suites' PCH: its macros (CHECK, INFO, WARN...) stay out
# of the code it tests. Boost.DLL stays out of all: plugin_host.cpp
# configures it with a macro before including it.
option(TATA_PCH "Precompiled headers (clang sanitizer trees only, see cmake/TataPch.cmake)" OFF)
if(TATA_PCH AND NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "TATA_PCH is for the clang sanitizer trees only (cmake/TataPch.cmake)")
endif()

set(TATA_PCH_HEADERS
  <algorithm> <array> <atomic> <charconv> <chrono> <cstddef> <cstdint> <cstdlib> <filesystem>
  <fstream> <functional> <map> <memory> <mutex> <optional> <set> <sstream> <stdexcept> <string>
  <string_view> <thread> <unordered_map> <utility> <vector>
  <nlohmann/json.hpp> <yaml-cpp/yaml.h> <SQLiteCpp/SQLiteCpp.h>)

# tata_pch_donor(KIND): KIND is lib or exe, then _poco and/or _test.
function(tata_pch_donor kind)
  set(name tata_pch_${kind})
  if(TARGET ${name})
    return()
  endif()
  set(source ${CMAKE_BINARY_DIR}/tata_pch/empty.cpp)
  if(NOT EXISTS ${source})
    file(WRITE ${source} "// The translation unit of the PCH donors (cmake/TataPch.cmake).\n")
  endif()
  add_library(${name} OBJECT ${source})
  target_link_libraries(${name} PRIVATE nlohmann_json::nlohmann_json yaml-cpp SQLiteCpp)
  set(headers ${TATA_PCH_HEADERS})
  if(kind MATCHES "^exe")
    # An object library gets -fPIC; the executables of ours get -fPIE.
    set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE OFF)
    target_compile_options(${name} PRIVATE -fPIE)
  endif()
  if(kind MATCHES "_poco")
    # Imported targets are seen only in the directory that found them (server/).
    find_package(Poco REQUIRED COMPONENTS Foundation)
    target_link_libraries(${name} PRIVATE Poco::Foundation)
  endif()
  if(kind MATCHES "_test")
    find_package(Catch2 2 REQUIRED)
    target_link_libraries(${name} PRIVATE Catch2::Catch2)
    list(APPEND headers <catch2/catch.hpp>)
  endif()
  target_precompile_headers(${name} PRIVATE ${headers})
endfunction()

# Gives every compiled target of ours under DIR (recursively) the PCH of its kind.
function(tata_precompile_headers dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target ${targets})
    get_target_property(type ${target} TYPE)
    if(target MATCHES "^tata_pch_")
      continue()
    elseif(type STREQUAL "EXECUTABLE")
      set(kind exe)
    elseif(type MATCHES "^(STATIC|SHARED|MODULE)_LIBRARY$")
      set(kind lib)
    else()
      continue()
    endif()
    get_target_property(libs ${target} LINK_LIBRARIES)
    if(NOT libs)
      set(libs "")
    endif()
    if(libs MATCHES "(^|;)(tata::server|tata_server|Poco::[A-Za-z]+)(;|$)")
      string(APPEND kind _poco)
    endif()
    if(libs MATCHES "(^|;)tata_test_main(;|$)")
      string(APPEND kind _test)
    endif()
    tata_pch_donor(${kind})
    target_precompile_headers(${target} REUSE_FROM tata_pch_${kind})
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(subdir ${subdirs})
    tata_precompile_headers(${subdir})
  endforeach()
endfunction()
