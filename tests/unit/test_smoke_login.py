from tests.conftest import PASSWORD, login


def test_demo_logs_in_and_sees_client_in_header(client, demo_user):
    response = login(client, "demo", PASSWORD)
    assert response.status_code == 303
    page = client.get("/").get_data(as_text=True)
    assert "Klient 551452-6382, Demobolaget AB" in page
