# Installs the built jitson into a fresh prefix, then configures, builds and
# runs the consumer project in this directory against it. Run by CTest:
#   cmake -DBUILD_DIR=... -DWORK_DIR=... -DCXX=... -DGENERATOR=... -DCONFIG=...
#         -P RunPackageTest.cmake
cmake_minimum_required(VERSION 3.25)
foreach(var BUILD_DIR WORK_DIR CXX GENERATOR CONFIG)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "RunPackageTest.cmake: -D${var}=... is required")
  endif()
endforeach()

set(prefix ${WORK_DIR}/prefix)
set(consumer ${WORK_DIR}/consumer)
file(REMOVE_RECURSE ${WORK_DIR})

function(run)
  string(JOIN " " shown ${ARGN})
  message(STATUS "+ ${shown}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${shown}")
  endif()
endfunction()

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --config ${CONFIG})
run(${CMAKE_COMMAND} -S ${CMAKE_CURRENT_LIST_DIR} -B ${consumer} -G ${GENERATOR}
    -DCMAKE_BUILD_TYPE=${CONFIG} -DCMAKE_CXX_COMPILER=${CXX}
    -DCMAKE_PREFIX_PATH=${prefix} -DJITSON_EXPECTED_PREFIX=${prefix}/)
run(${CMAKE_COMMAND} --build ${consumer} --config ${CONFIG})
# Single-config generators put app at the top, multi-config ones in CONFIG/.
if(EXISTS ${consumer}/${CONFIG}/app)
  run(${consumer}/${CONFIG}/app)
else()
  run(${consumer}/app)
endif()
