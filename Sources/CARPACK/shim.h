#include <arpack/arpack.h>
