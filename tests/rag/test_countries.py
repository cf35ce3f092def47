from rag.countries import is_country


def test_countries_names_a_country_as_written_with_or_without_the_article():
    assert is_country("Norway") and is_country("the United States") and is_country("Saudi Arabia")


def test_countries_city_states_and_unlisted_names_are_not_judged_countries():
    assert not is_country("Oslo") and not is_country("Lisbon")
    assert not is_country("Singapore")  # a city as much as a country
    assert not is_country("European Union")
