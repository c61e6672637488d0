# `cmake --install` provides the plugin SDK (tata/plugin.hpp and a CMake
# package, TataSDK) so a regency builds its plugin out of tree, plus the
# binary, shipped plugins, workflows and rules.
include(CMakePackageConfigHelpers)

install(FILES ${PROJECT_SOURCE_DIR}/engine/include/tata/plugin.hpp DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tata)
install(TARGETS tata_sdk EXPORT TataSDKTargets)
install(EXPORT TataSDKTargets NAMESPACE tata:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/TataSDK)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/TataSDKConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/TataSDKConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/TataSDK
  PATH_VARS TATA_PLUGIN_INSTALL_DIR)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/TataSDKConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/TataSDKConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/TataSDKConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/TataSDK)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/workflows ${PROJECT_SOURCE_DIR}/rules ${PROJECT_SOURCE_DIR}/schemas
  DESTINATION ${TATA_DATA_INSTALL_DIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/data ${PROJECT_SOURCE_DIR}/examples/vendor
  DESTINATION ${TATA_DATA_INSTALL_DIR}/examples)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/dist/ DESTINATION ${TATA_DATA_INSTALL_DIR}/web/dist OPTIONAL)
