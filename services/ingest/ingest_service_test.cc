#include "services/ingest/ingest_service.h"


#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "grpcpp/grpcpp.h"
#include "common/testing/scratch_dir.h"
#include "gtest/gtest.h"

namespace govreport::ingest {
namespace {

using govreport::v1::GetStatusRequest;
using govreport::v1::IngestRequest;
using govreport::v1::ReportStatus;

class NoExtraction : public ExtractionClient {
 public:
  absl::StatusOr<govreport::v1::Report> Extract(const govreport::v1::Report&,
                                                absl::Duration) override {
    return absl::UnavailableError("not in this test");
  }
};
class NoIndex : public IndexClient {
 public:
  absl::Status IndexReport(const govreport::v1::Report&, absl::Duration) override {
    return absl::UnavailableError("not in this test");
  }
};

// A document that holds one report; `n` makes the text (and so the id) distinct.
std::string Document(int n) {
  return "云浮市人民政府工作报告\n\n各位代表：\n现在，我代表市人民政府向大会报告工作。\n"
         "一、过去一年的工作回顾\n全市地区生产总值增长" +
         std::to_string(n) + ".5%。\n";
}

IngestRequest Request(std::string content, std::string source_uri = "file:///doc.txt") {
  IngestRequest request;
  request.set_content(std::move(content));
  request.set_content_type("text/plain");
  request.set_source_uri(std::move(source_uri));
  return request;
}

// The pipeline is never started: reports stay STORED and tests see exactly what Ingest wrote.
class IngestServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test_support::FreshScratchDir("ingest_service_test");
    auto db = storage::Database::Open(dir_, ReportStore::ColumnFamilies());
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    store_ = std::make_unique<ReportStore>(db_.get());
    PipelineOptions pipeline_options;
    pipeline_options.extractor_version = "v2";
    pipeline_ = std::make_unique<Pipeline>(store_.get(), &extraction_, &index_, pipeline_options);
    IngestServiceOptions options;
    options.max_document_bytes = 4096;
    service_ = std::make_unique<IngestServiceImpl>(store_.get(), pipeline_.get(), options);
  }
  void TearDown() override {
    service_.reset();
    pipeline_.reset();
    store_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string IngestOne(int n) {
    auto response = service_->IngestDocument(Request(Document(n)));
    EXPECT_TRUE(response.ok()) << response.status();
    EXPECT_EQ(response->reports_size(), 1);
    return response->reports(0).report_id();
  }

  std::string dir_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<ReportStore> store_;
  NoExtraction extraction_;
  NoIndex index_;
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<IngestServiceImpl> service_;
};

TEST_F(IngestServiceTest, StoresReportBeforeAnswering) {
  auto response = service_->IngestDocument(Request(Document(1)));
  ASSERT_TRUE(response.ok()) << response.status();
  ASSERT_EQ(response->reports_size(), 1);
  const auto& ingested = response->reports(0);
  EXPECT_FALSE(ingested.already_known());
  EXPECT_EQ(ingested.index_in_bundle(), 1);
  EXPECT_EQ(ingested.report_id().size(), 25u);  // "r" + 24 hex digits
  EXPECT_EQ(response->detected_charset(), "UTF-8");

  auto status = store_->GetStatus(ingested.report_id());
  ASSERT_TRUE(status.ok() && status->has_value());
  EXPECT_EQ((*status)->state(), govreport::v1::REPORT_STATE_STORED);
  EXPECT_EQ((*status)->attempts(), 0);
  EXPECT_EQ((*status)->source_uri(), "file:///doc.txt");
  auto report = store_->GetReport(ingested.report_id());
  ASSERT_TRUE(report.ok());
  EXPECT_NE(report->normalized_text().find("地区生产总值"), std::string::npos);
  EXPECT_EQ(report->source().index_in_bundle(), 1);
  EXPECT_EQ(report->source().bundle_size(), 1);
  EXPECT_EQ(report->source().charset(), "UTF-8");
}

TEST_F(IngestServiceTest, SameReportTwiceIsStoredOnce) {
  auto first = service_->IngestDocument(Request(Document(1), "a"));
  auto second = service_->IngestDocument(Request(Document(1), "b"));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->reports(0).report_id(), second->reports(0).report_id());
  EXPECT_FALSE(first->reports(0).already_known());
  EXPECT_TRUE(second->reports(0).already_known());
  auto listing = service_->Status(GetStatusRequest());
  ASSERT_TRUE(listing.ok());
  EXPECT_EQ(listing->statuses_size(), 1);
  EXPECT_EQ(listing->statuses(0).source_uri(), "a");  // the first provenance is kept
}

TEST_F(IngestServiceTest, EmptyDocumentIsInvalid) {
  auto response = service_->IngestDocument(Request(""));
  EXPECT_EQ(response.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(response.status().message(), "empty document");
}

TEST_F(IngestServiceTest, OversizedDocumentIsResourceExhausted) {
  auto response = service_->IngestDocument(Request(std::string(4097, 'x')));
  EXPECT_EQ(response.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(response.status().message().find("4097"), absl::string_view::npos);
  EXPECT_NE(response.status().message().find("4096"), absl::string_view::npos);
}

TEST_F(IngestServiceTest, MisencodedDocumentIsInvalid) {
  IngestRequest request = Request("\xC0\xAF\xFF\xFE\x80\x81 not utf-8 \xF5\x90");
  request.set_charset("UTF-8");
  auto response = service_->IngestDocument(request);
  EXPECT_EQ(response.status().code(), absl::StatusCode::kInvalidArgument) << response.status();
  auto listing = service_->Status(GetStatusRequest());
  ASSERT_TRUE(listing.ok());
  EXPECT_EQ(listing->statuses_size(), 0);
}

TEST_F(IngestServiceTest, GetStatusNamesFirstUnknownId) {
  const std::string known = IngestOne(1);
  GetStatusRequest request;
  request.add_report_ids(known);
  request.add_report_ids("r000000000000000000000001");
  request.add_report_ids("r000000000000000000000002");
  auto response = service_->Status(request);
  EXPECT_EQ(response.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(response.status().message().find("r000000000000000000000001"),
            absl::string_view::npos);

  GetStatusRequest only_known;
  only_known.add_report_ids(known);
  auto found = service_->Status(only_known);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->statuses_size(), 1);
  EXPECT_EQ(found->statuses(0).report_id(), known);
  EXPECT_TRUE(found->totals().empty());  // totals belong to the list-all form
}

TEST_F(IngestServiceTest, ListAllPagesWithTotals) {
  std::vector<std::string> ids;
  for (int n = 1; n <= 3; ++n) ids.push_back(IngestOne(n));
  std::sort(ids.begin(), ids.end());

  GetStatusRequest request;
  request.set_page_size(2);
  auto first = service_->Status(request);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->statuses_size(), 2);
  EXPECT_EQ(first->statuses(0).report_id(), ids[0]);
  EXPECT_EQ(first->statuses(1).report_id(), ids[1]);
  EXPECT_FALSE(first->next_page_token().empty());
  EXPECT_EQ(first->totals().at("REPORT_STATE_STORED"), 3);
  EXPECT_EQ(first->totals().at("REPORT_STATE_INDEXED"), 0);

  request.set_page_token(first->next_page_token());
  auto second = service_->Status(request);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->statuses_size(), 1);
  EXPECT_EQ(second->statuses(0).report_id(), ids[2]);
  EXPECT_TRUE(second->next_page_token().empty());
  EXPECT_EQ(second->totals().at("REPORT_STATE_STORED"), 3);

  request.set_page_token("garbage");
  EXPECT_EQ(service_->Status(request).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(IngestServiceTest, ReextractSchedulesKnownReports) {
  const std::string a = IngestOne(1);
  const std::string b = IngestOne(2);
  govreport::v1::ReextractRequest unknown;
  unknown.add_report_ids(a);
  unknown.add_report_ids("r000000000000000000000009");
  auto not_found = service_->ScheduleReextract(unknown);
  EXPECT_EQ(not_found.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(not_found.status().message().find("r000000000000000000000009"),
            absl::string_view::npos);

  EXPECT_EQ(service_->ScheduleReextract(govreport::v1::ReextractRequest()).status().code(),
            absl::StatusCode::kInvalidArgument);

  // Mark `a` as extracted by the current version (v2): only `b` is outdated.
  ReportStatus status = **store_->GetStatus(a);
  status.set_state(govreport::v1::REPORT_STATE_INDEXED);
  status.set_extractor_version("v2");
  ASSERT_TRUE(*store_->Update(store_->Generation(a), status, nullptr));
  govreport::v1::ReextractRequest outdated;
  outdated.set_all(true);
  outdated.set_only_outdated(true);
  auto scheduled = service_->ScheduleReextract(outdated);
  ASSERT_TRUE(scheduled.ok());
  EXPECT_EQ(scheduled->scheduled(), 1);
  EXPECT_EQ((**store_->GetStatus(a)).state(), govreport::v1::REPORT_STATE_INDEXED);

  govreport::v1::ReextractRequest all;
  all.set_all(true);
  scheduled = service_->ScheduleReextract(all);
  ASSERT_TRUE(scheduled.ok());
  EXPECT_EQ(scheduled->scheduled(), 2);
  EXPECT_EQ((**store_->GetStatus(a)).state(), govreport::v1::REPORT_STATE_STORED);
}

// Stores `id` as extracted by version v2 with the given region and report year.
void MarkExtracted(ReportStore& store, const std::string& id, const std::string& region_name,
                   const std::string& region_code, int report_year) {
  govreport::v1::Report report = *store.GetReport(id);
  report.mutable_meta()->mutable_region()->set_name(region_name);
  report.mutable_meta()->mutable_region()->set_code(region_code);
  report.mutable_meta()->set_report_year(report_year);
  ReportStatus status = **store.GetStatus(id);
  status.set_state(govreport::v1::REPORT_STATE_INDEXED);
  status.set_extractor_version("v2");
  ASSERT_TRUE(*store.Update(store.Generation(id), status, &report));
}

TEST_F(IngestServiceTest, ReextractFiltersByRegionYearAndSource) {
  const std::string yunfu_2022 = IngestOne(1);
  const std::string yunfu_2024 = IngestOne(2);
  const std::string jieyang_2023 = IngestOne(3);
  auto other_source = service_->IngestDocument(Request(Document(4), "https://gov.example/a.txt"));
  ASSERT_TRUE(other_source.ok());
  const std::string never_extracted = other_source->reports(0).report_id();
  MarkExtracted(*store_, yunfu_2022, "云浮市", "445300", 2022);
  MarkExtracted(*store_, yunfu_2024, "云浮市", "445300", 2024);
  MarkExtracted(*store_, jieyang_2023, "揭阳市", "445200", 2023);

  auto state = [&](const std::string& id) { return (**store_->GetStatus(id)).state(); };
  auto schedule = [&](const govreport::v1::ReextractRequest& request) -> int64_t {
    auto response = service_->ScheduleReextract(request);
    EXPECT_TRUE(response.ok()) << response.status();
    return response.ok() ? response->scheduled() : -1;
  };

  // A filter alone selects among every report; the region matches by name.
  govreport::v1::ReextractRequest by_name;
  by_name.set_region("云浮市");
  by_name.set_year_from(2023);
  EXPECT_EQ(schedule(by_name), 1);
  EXPECT_EQ(state(yunfu_2024), govreport::v1::REPORT_STATE_STORED);
  EXPECT_EQ(state(yunfu_2022), govreport::v1::REPORT_STATE_INDEXED);
  EXPECT_EQ(state(jieyang_2023), govreport::v1::REPORT_STATE_INDEXED);

  // By code and an inclusive year range, combined with `all`; the unextracted report never
  // matches a metadata filter.
  govreport::v1::ReextractRequest by_code;
  by_code.set_all(true);
  by_code.set_region("445200");
  by_code.set_year_from(2023);
  by_code.set_year_to(2023);
  EXPECT_EQ(schedule(by_code), 1);
  EXPECT_EQ(state(jieyang_2023), govreport::v1::REPORT_STATE_STORED);

  govreport::v1::ReextractRequest up_to;
  up_to.set_year_to(2022);
  EXPECT_EQ(schedule(up_to), 1);
  EXPECT_EQ(state(yunfu_2022), govreport::v1::REPORT_STATE_STORED);

  // Source prefix needs no metadata: it matches the never-extracted report too.
  govreport::v1::ReextractRequest by_source;
  by_source.set_source_uri_prefix("https://gov.example/");
  EXPECT_EQ(schedule(by_source), 1);

  // Filters narrow given ids as well.
  govreport::v1::ReextractRequest ids_and_region;
  ids_and_region.add_report_ids(yunfu_2022);
  ids_and_region.add_report_ids(jieyang_2023);
  ids_and_region.set_region("揭阳市");
  EXPECT_EQ(schedule(ids_and_region), 1);

  govreport::v1::ReextractRequest no_match;
  no_match.set_region("凤泉区");
  EXPECT_EQ(schedule(no_match), 0);
}

TEST_F(IngestServiceTest, ReextractFilterAndOutdatedCombine) {
  const std::string current = IngestOne(1);
  const std::string outdated = IngestOne(2);
  MarkExtracted(*store_, current, "云浮市", "445300", 2024);
  MarkExtracted(*store_, outdated, "云浮市", "445300", 2024);
  ReportStatus status = **store_->GetStatus(outdated);
  status.set_extractor_version("v1");
  ASSERT_TRUE(*store_->Update(store_->Generation(outdated), status, nullptr));

  govreport::v1::ReextractRequest request;
  request.set_region("云浮市");
  request.set_only_outdated(true);
  auto response = service_->ScheduleReextract(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->scheduled(), 1);
  EXPECT_EQ((**store_->GetStatus(outdated)).state(), govreport::v1::REPORT_STATE_STORED);
  EXPECT_EQ((**store_->GetStatus(current)).state(), govreport::v1::REPORT_STATE_INDEXED);
}

TEST_F(IngestServiceTest, ReextractRejectsBadYearRange) {
  IngestOne(1);
  govreport::v1::ReextractRequest inverted;
  inverted.set_all(true);
  inverted.set_year_from(2024);
  inverted.set_year_to(2020);
  EXPECT_EQ(service_->ScheduleReextract(inverted).status().code(),
            absl::StatusCode::kInvalidArgument);
  govreport::v1::ReextractRequest negative;
  negative.set_year_to(-1);
  EXPECT_EQ(service_->ScheduleReextract(negative).status().code(),
            absl::StatusCode::kInvalidArgument);
  govreport::v1::ReextractRequest outdated_alone;
  outdated_alone.set_only_outdated(true);
  EXPECT_EQ(service_->ScheduleReextract(outdated_alone).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(IngestServiceTest, StreamAnswersEachRequestAndKeepsGoingAfterErrors) {
  grpc::ServerBuilder builder;
  builder.RegisterService(service_.get());
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  auto stub = govreport::v1::IngestService::NewStub(server->InProcessChannel({}));

  grpc::ClientContext context;
  auto stream = stub->IngestStream(&context);
  // Read while writing, as a bulk client does: the in-process transport does not buffer.
  std::vector<govreport::v1::IngestStreamResponse> responses;
  std::thread reader([&] {
    govreport::v1::IngestStreamResponse response;
    while (stream->Read(&response)) responses.push_back(response);
  });
  EXPECT_TRUE(stream->Write(Request(Document(1))));
  EXPECT_TRUE(stream->Write(Request("")));
  EXPECT_TRUE(stream->Write(Request(std::string(5000, 'x'))));
  EXPECT_TRUE(stream->Write(Request(Document(1))));
  stream->WritesDone();
  reader.join();
  grpc::Status status = stream->Finish();
  EXPECT_TRUE(status.ok()) << status.error_message();

  ASSERT_EQ(responses.size(), 4u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(responses[i].index(), i);
  EXPECT_EQ(responses[0].error_code(), 0);
  ASSERT_EQ(responses[0].result().reports_size(), 1);
  EXPECT_EQ(responses[1].error_code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_EQ(responses[1].error_message(), "empty document");
  EXPECT_EQ(responses[2].error_code(), static_cast<int>(grpc::StatusCode::RESOURCE_EXHAUSTED));
  EXPECT_TRUE(responses[3].result().reports(0).already_known());
  EXPECT_EQ(responses[3].result().reports(0).report_id(),
            responses[0].result().reports(0).report_id());
  server->Shutdown();
}

TEST_F(IngestServiceTest, GrpcMethodsMapErrors) {
  IngestRequest request = Request("");
  govreport::v1::IngestResponse response;
  grpc::Status status = service_->Ingest(nullptr, &request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  GetStatusRequest get;
  get.add_report_ids("nope");
  govreport::v1::GetStatusResponse get_response;
  EXPECT_EQ(service_->GetStatus(nullptr, &get, &get_response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace govreport::ingest
