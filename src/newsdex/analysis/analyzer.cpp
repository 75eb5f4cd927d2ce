#include "newsdex/analysis/analyzer.hpp"
