# Unity builds for the libraries whose files are heavy to compile: CMake
# compiles ten of a target's .cpp files as one translation unit, so the
# headers they share (Poco, nlohmann/json, yaml-cpp) are parsed once per
# ten files, not once per file. The server library built in 71 s instead
# of 219 s (GCC -O2, 2 cores), and CI builds it twice.
# TATA_UNITY_BUILD=OFF compiles every file alone, which also checks that
# each includes what it uses.
option(TATA_UNITY_BUILD "Compile the largest libraries as unity builds (cmake/TataUnity.cmake)" ON)

function(tata_unity target)
  if(NOT TATA_UNITY_BUILD)
    return()
  endif()
  set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 10)
  # A class with linkage whose members use a file's anonymous-namespace
  # types (a pimpl's Impl) is fine in its own file, which GCC knows, but it
  # warns once the file is included into a unity file.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-subobject-linkage)
  endif()
endfunction()
