#ifndef GOVREPORT_SERVICES_QUERY_DEFAULTS_H_
#define GOVREPORT_SERVICES_QUERY_DEFAULTS_H_

// The production sources of the query service's reference data: the GB/T 2260 division table
// (region ancestors) and the extractor's indicator catalog (valid indicator ids).

#include <memory>

#include "common/extract/catalog.h"
#include "common/regions/divisions.h"
#include "services/query/indicator_set.h"
#include "services/query/region_index.h"

namespace govreport::query {

// Ancestors from `divisions` (which must outlive the result).
std::unique_ptr<RegionHierarchy> MakeDivisionsHierarchy(const regions::Divisions& divisions);

// Every indicator of `catalog`, in catalog order.
IndicatorSet MakeIndicatorSet(const extract::IndicatorCatalog& catalog);

}  // namespace govreport::query

#endif  // GOVREPORT_SERVICES_QUERY_DEFAULTS_H_
