// The fixture collection of the search tests: nine short transcripts, original text in the style
// of the seed, read by search_test.cpp, the data-driven cases (tests/data/search/cases.txt) and the
// golden-index test (golden_index_test.cpp).
#pragma once

#include <string>
#include <vector>

#include "test_index.hpp"

namespace newsdex::query::testing {

// The fixture collection: original text in the style of the seed transcript. Which words each
// body holds matters to the tests and to cases.txt; keep the two in step when editing.
inline const std::vector<DocSpec> kFixture = {
    {"Putin call draws backlash", "ABC", "WNT", "2018-03-21",
     "Next this evening, president trump under fire for his phone call with Vladimir Putin. His "
     "national security advisers wrote do not congratulate on his briefing cards. He congratulated "
     "him anyway. Reporter: The White House says the call was cordial. Critics on capitol hill say "
     "the phone call ignored the poisoning of a former spy in Britain."},
    {"Kremlin readout of the conversation", "CNN", "Newsroom", "2018-03-22",
     "The Kremlin released its own readout of the conversation today. Putin and the president "
     "discussed a possible summit. A spokesman said the phone line to Moscow stays open and that "
     "the call was businesslike. Putin thanked the president."},
    {"Storm surge floods Houston", "CNN", "Newsroom", "2017-08-28",
     "Houston is under water tonight. The storm surge and the rain pushed the bayous over their "
     "banks, and rescue crews in flat boats are pulling families from rooftops. Reporter: "
     "Officials say the rain will not stop before Wednesday. Shelters at the convention center "
     "are full."},
    {"Hurricane Florence makes landfall", "ABC", "GMA", "2018-09-14",
     "Good morning. Hurricane Florence came ashore near Wrightsville Beach overnight. The storm is "
     "crawling inland and the rain is measured in feet. Reporter: In New Bern the river rose ten "
     "feet and crews in boats are pulling people from their homes. The storm will linger through "
     "the weekend."},
    {"Singapore summit handshake", "ABC", "WNT", "2018-06-12",
     "The handshake in Singapore. President trump and Kim Jong Un met today for the first time. "
     "The president said the summit went better than anybody expected and invited Kim to the "
     "White House. Reporter: Critics say the joint statement is vague on nuclear weapons."},
    {"Markets tumble as virus spreads", "PBS", "NewsHour", "2020-03-16",
     "Stocks fell sharply again today. One trader said the S&P 500 had its \"worst day since "
     "1987\" as the virus spreads. The Dow lost nearly three thousand points, and the Fed cut "
     "rates to zero on Sunday."},
    {"Paradise fire death toll rises", "NPR", "All Things Considered", "2018-11-12",
     "The Camp Fire has now destroyed most of the town of Paradise, California. Officials say the "
     "death toll rose again today and hundreds of people are still missing. Firefighters say "
     "strong winds are pushing the fire toward Chico."},
    {"Putin wins another term", "CNN", "Newsroom", "2018-03-18",
     "Vladimir Putin won another six year term as president of Russia on Sunday with more than "
     "three quarters of the vote. Putin told supporters near the Kremlin that the result showed "
     "trust. Election monitors said Putin faced no real opposition."},
    {"Flood watch for the coast", "NOAA", "", "",
     "A flood watch is in effect for the coastal counties through Tuesday. Residents should expect "
     "heavy rain."},
};

}  // namespace newsdex::query::testing
